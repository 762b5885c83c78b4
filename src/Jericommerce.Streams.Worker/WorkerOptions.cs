using System.ComponentModel.DataAnnotations;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker.Group;
using Jericommerce.Streams.Worker.Registry;
using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Worker;

/// <summary>The worker's settings (section <c>Worker</c>; env vars <c>Worker__GroupId</c>...).</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Worker:GroupId is required.")]
    public string GroupId { get; set; } = "jericommerce-streams-worker";

    /// <summary>
    /// <c>auto</c> (KIP-848 where every broker offers it, classic otherwise: decided at start-up),
    /// <c>consumer</c> (KIP-848, Kafka 4+) or <c>classic</c> (every broker).
    /// </summary>
    public GroupProtocolChoice GroupProtocol { get; set; } = GroupProtocolChoice.Auto;

    [Required(AllowEmptyStrings = false, ErrorMessage = "Worker:RawTopic is required.")]
    public string RawTopic { get; set; } = TopicDefaults.Raw;

    /// <summary>Typed topics are <c>{TopicPrefix}.{slug}.v{major}</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Worker:TopicPrefix is required.")]
    public string TopicPrefix { get; set; } = SchemaCatalog.DefaultTopicPrefix;

    [Required(AllowEmptyStrings = false, ErrorMessage = "Worker:DeadLetterTopic is required.")]
    public string DeadLetterTopic { get; set; } = TopicDefaults.DeadLetter;

    /// <summary>Folder holding <c>catalog.json</c> and the schemas; empty means the copy beside the binaries.</summary>
    public string? SchemasPath { get; set; }

    /// <summary>
    /// How typed records are written: <c>json</c> (the original bytes) or <c>json-sr</c> (the same bytes behind
    /// Confluent's Schema Registry prefix: magic byte 0 and the 4-byte schema id; needs <c>SchemaRegistry:Url</c>).
    /// </summary>
    public TypedFormat TypedFormat { get; set; } = TypedFormat.Json;

    /// <summary>
    /// Whether an event whose type is not in the catalog, but whose body passes the envelope (base) schema, goes to a
    /// typed topic of its own (<c>{TopicPrefix}.{slug}.v1</c>) instead of the dead-letter topic. On by default: the
    /// sender adds types without notice, and their events are data, not errors. Off keeps the catalog closed.
    /// </summary>
    public bool EnvelopeRouting { get; set; } = true;

    /// <summary>The most types outside the catalog routed on their envelope (each gets a topic); further ones are dead-lettered.</summary>
    [SettingRange(1, 10_000, ErrorMessage = "Worker:EnvelopeRoutingMaxTypes must be between 1 and 10000.")]
    public int EnvelopeRoutingMaxTypes { get; set; } = 100;

    /// <summary>
    /// Who makes the topic of a type outside the catalog: <c>admin</c> (the worker, with CreateTopics, from the
    /// <c>NewTopic*</c> settings), <c>broker</c> (its auto-creation, asked through a metadata request) or <c>off</c>.
    /// </summary>
    public NewTopicCreation NewTopicCreation { get; set; } = NewTopicCreation.Admin;

    /// <summary>Partitions of a topic the worker creates; -1 is the broker's default.</summary>
    [SettingRange(-1, 10_000, ErrorMessage = "Worker:NewTopicPartitions must be -1 (broker default) or between 1 and 10000.")]
    public int NewTopicPartitions { get; set; } = -1;

    /// <summary>Replication factor of a topic the worker creates; -1 is the broker's default.</summary>
    [SettingRange(-1, 32, ErrorMessage = "Worker:NewTopicReplicationFactor must be -1 (broker default) or between 1 and 32.")]
    public short NewTopicReplicationFactor { get; set; } = -1;

    /// <summary>Topic configs of a topic the worker creates (<c>Worker:NewTopicConfigs:retention.ms</c>...).</summary>
    public Dictionary<string, string> NewTopicConfigs { get; } = new(StringComparer.Ordinal);

    /// <summary>How long a topic found missing stays so before it is looked up (and created, if allowed) again.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Worker:NewTopicRecheckInterval must be between 1 second and 1 hour.")]
    public TimeSpan NewTopicRecheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An event id routed within this window is not routed again.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Worker:DedupWindow must be between 1 second and 30 days.")]
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The most event ids remembered per raw partition (about 40 bytes each).</summary>
    [SettingRange(1_000, 10_000_000, ErrorMessage = "Worker:DedupMaxEntriesPerPartition must be between 1000 and 10000000.")]
    public int DedupMaxEntriesPerPartition { get; set; } = 200_000;

    /// <summary>How often processed offsets are committed; bounds the duplicates after a crash.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "Worker:CommitInterval must be between 10 ms and 1 minute.")]
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Records produced but not yet acknowledged, per partition, before the worker waits. Every one is held in memory
    /// (with its output) long enough to outlive the GC's youngest generation, so a larger value costs peak RSS and CPU in
    /// older-generation collections without more throughput; see docs/worker.md#buffer-and-fetch-defaults.
    /// </summary>
    [SettingRange(1, 100_000, ErrorMessage = "Worker:MaxInFlightPerPartition must be between 1 and 100000.")]
    public int MaxInFlightPerPartition { get; set; } = 128;

    /// <summary>
    /// Records buffered per partition between the consumer and its processor; a full buffer pauses the partition, which
    /// makes librdkafka drop what it prefetched for it. So this is the bound for one partition that falls behind
    /// (its output failing, its dedup window rebuilding); <see cref="BufferTotal"/> is the one that holds memory. Smaller
    /// values are overflowed by librdkafka's runs of up to a fetch's worth of one partition, and every pause makes the
    /// broker serve that data again (docs/worker.md#buffer-and-fetch-defaults).
    /// </summary>
    [SettingRange(1, 100_000, ErrorMessage = "Worker:BufferPerPartition must be between 1 and 100000.")]
    public int BufferPerPartition { get; set; } = 1_024;

    /// <summary>Records buffered across all partitions; with this many waiting, the consumer stops polling until the processors have taken an eighth of them.</summary>
    [SettingRange(1, 1_000_000, ErrorMessage = "Worker:BufferTotal must be between 1 and 1000000.")]
    public int BufferTotal { get; set; } = 4_096;

    /// <summary>How long librdkafka retries one produce by itself before the worker's own retries take over.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Worker:ProduceTimeout must be between 1 second and 10 minutes.")]
    public TimeSpan ProduceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [SettingRange(0, 100, ErrorMessage = "Worker:LingerMs must be between 0 and 100.")]
    public int LingerMs { get; set; } = 5;

    /// <summary>First retry delay after a failed produce; doubles (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "Worker:RetryBaseDelay must be between 1 ms and 1 minute.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    [SettingRange(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "Worker:RetryMaxDelay must be between 1 ms and 10 minutes.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long consumption stays paused once produce failures open the circuit.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.500", "00:10:00", ErrorMessage = "Worker:CircuitBreakDuration must be between 500 ms and 10 minutes.")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the worker may take to stop (SIGTERM): drain, commit, leave the group. Longer than
    /// <see cref="DrainTimeout"/>, since librdkafka's close was seen to stall 30 to 45 s during a rebalance (docs/reliability.md);
    /// keep the pod's <c>terminationGracePeriodSeconds</c> above it.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:05", "00:10:00", ErrorMessage = "Worker:ShutdownTimeout must be between 5 seconds and 10 minutes.")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How long a revoked partition may take to finish its in-flight records before they are abandoned.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Worker:DrainTimeout must be between 0 and 5 minutes.")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest <c>jc-error-detail</c> header, in UTF-8 bytes.</summary>
    [SettingRange(64, 65_536, ErrorMessage = "Worker:ErrorDetailMaxBytes must be between 64 and 65536.")]
    public int ErrorDetailMaxBytes { get; set; } = 2_048;

    /// <summary>How often the consumer lag of the owned partitions is measured (and the broker connection checked for <c>/readyz</c>).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Worker:LagSampleInterval must be between 100 ms and 5 minutes.")]
    public TimeSpan LagSampleInterval { get; set; } = TimeSpan.FromSeconds(5);
}
