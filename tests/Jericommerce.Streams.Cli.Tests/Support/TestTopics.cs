using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Testing;

namespace Jericommerce.Streams.Cli.Tests.Support;

/// <summary>A raw topic, a dead-letter topic and every typed topic, with names no other test uses.</summary>
internal sealed record TestTopics(string Raw, string DeadLetter, string Prefix, string GroupId)
{
    public static readonly SchemaCatalog Catalog = SchemaCatalog.Load(SchemaDirectory.Default);

    public IEnumerable<string> Typed => Catalog.EventTypes.Select(t => $"{Prefix}.{t.TopicSuffix}");

    public string TypedTopic(string slug) => $"{Prefix}.{Catalog.EventTypes.Single(t => t.Slug == slug).TopicSuffix}";

    public static async Task<TestTopics> CreateAsync(TestBroker broker, int rawPartitions = 4)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var topics = new TestTopics($"t.{id}.raw", $"t.{id}.dlq", $"t.{id}", $"t.{id}.workers");
        await broker.CreateTopicAsync(topics.Raw, rawPartitions);
        await broker.CreateTopicAsync(topics.DeadLetter, 1);
        foreach (var typed in topics.Typed)
        {
            await broker.CreateTopicAsync(typed, 2);
        }

        return topics;
    }

    /// <summary>The jcs options naming these topics on this broker.</summary>
    public string[] Args(string bootstrapServers, bool raw = true, bool typed = true, bool deadLetter = true) =>
    [
        "--bootstrap", bootstrapServers,
        .. raw ? new[] { "--raw-topic", Raw } : [],
        .. typed ? new[] { "--topic-prefix", Prefix } : [],
        .. deadLetter ? new[] { "--dlq-topic", DeadLetter } : [],
    ];

    /// <summary>The worker settings that point at these topics, with retries quick enough for a test.</summary>
    public Dictionary<string, string?> WorkerSettings(string bootstrapServers, string? schemasPath = null) => new()
    {
        ["Worker:RetryBaseDelay"] = "00:00:00.050",
        ["Worker:RetryMaxDelay"] = "00:00:01",
        ["Worker:CircuitBreakDuration"] = "00:00:01",
        ["Kafka:BootstrapServers"] = bootstrapServers,
        ["Worker:RawTopic"] = Raw,
        ["Worker:DeadLetterTopic"] = DeadLetter,
        ["Worker:TopicPrefix"] = Prefix,
        ["Worker:GroupId"] = GroupId,
        ["Worker:SchemasPath"] = schemasPath,
        ["Worker:NewTopicCreation"] = "broker",
    };
}
