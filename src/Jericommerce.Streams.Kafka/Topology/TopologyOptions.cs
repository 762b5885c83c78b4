using System.ComponentModel.DataAnnotations;

namespace Jericommerce.Streams.Kafka.Topology;

/// <summary>
/// The pipeline's topics as they should be made (section <c>Kafka:Topology</c>; env <c>Kafka__Topology__Create</c>...):
/// read by the worker and the ingress at start-up, and the defaults of <c>jcs topics create</c>.
/// </summary>
public sealed class TopologyOptions
{
    public const string SectionName = "Kafka:Topology";

    /// <summary>Whether a service creates the topics it needs and finds missing. Off: topics are made on purpose (jcs topics create, a Job), and a missing one makes the service not ready.</summary>
    public bool Create { get; set; }

    /// <summary>Partitions of the raw and typed topics: the raw count bounds the workers that share the load.</summary>
    [SettingRange(1, 10_000, ErrorMessage = "Kafka:Topology:Partitions must be between 1 and 10000.")]
    public int Partitions { get; set; } = 8;

    /// <summary>Partitions of the dead-letter topic: dead letters are few in a healthy pipeline, and a replay goes back to its raw partition whatever this is.</summary>
    [SettingRange(1, 10_000, ErrorMessage = "Kafka:Topology:DeadLetterPartitions must be between 1 and 10000.")]
    public int DeadLetterPartitions { get; set; } = 1;

    /// <summary>Replicas per partition; -1 takes the broker's <c>default.replication.factor</c>. 3 survives the loss of a broker with <c>min.insync.replicas=2</c>.</summary>
    [SettingRange(-1, 32, ErrorMessage = "Kafka:Topology:ReplicationFactor must be -1 (the broker's default) or between 1 and 32.")]
    public short ReplicationFactor { get; set; } = 3;

    /// <summary>
    /// Topic configs of every topic (<c>Kafka:Topology:Configs:retention.ms</c>...); an empty value leaves the
    /// broker's default. Without <c>min.insync.replicas</c>, <see cref="PipelineTopology"/> derives it from the
    /// replication factor.
    /// </summary>
    public Dictionary<string, string> Configs { get; } = new(StringComparer.Ordinal)
    {
        // Seven days of raw and typed records: a weekend's outage of a consumer downstream, and the 24 h dedup window.
        [TopicConfigs.RetentionMs] = "604800000",
    };

    /// <summary>Configs of the dead-letter topic, over <see cref="Configs"/>: dead letters wait for a person, so they are kept 30 days.</summary>
    public Dictionary<string, string> DeadLetterConfigs { get; } = new(StringComparer.Ordinal)
    {
        [TopicConfigs.RetentionMs] = "2592000000",
    };
}
