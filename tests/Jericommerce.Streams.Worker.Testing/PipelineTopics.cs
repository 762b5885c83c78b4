using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Testing;

namespace Jericommerce.Streams.Worker.Testing;

/// <summary>A raw topic, a dead-letter topic and every typed topic, with names no other test uses.</summary>
public sealed record PipelineTopics(string Raw, string DeadLetter, string Prefix, string GroupId)
{
    public static readonly SchemaCatalog Catalog = SchemaCatalog.Load(SchemaDirectory.Default);

    public IEnumerable<string> Typed => Catalog.EventTypes.Select(t => TypedTopic(t.Slug));

    public string TypedTopic(string slug) => $"{Prefix}.{Catalog.EventTypes.Single(t => t.Slug == slug).TopicSuffix}";

    /// <summary>The topic the worker routes a type outside the catalog to, by its slug.</summary>
    public string EnvelopeTopic(string slug) => $"{Prefix}.{slug}.v1";

    public static Task<PipelineTopics> CreateAsync(TestBroker broker, int rawPartitions = 4, int typedPartitions = 2) =>
        CreateAsync(broker.CreateTopicAsync, rawPartitions, typedPartitions);

    public static Task<PipelineTopics> CreateAsync(DevKafka.DevKafkaCluster cluster, int rawPartitions = 4, int typedPartitions = 2) =>
        CreateAsync(
            (name, partitions) =>
            {
                cluster.CreateTopic(name, partitions);
                return Task.CompletedTask;
            },
            rawPartitions,
            typedPartitions);

    private static async Task<PipelineTopics> CreateAsync(Func<string, int, Task> create, int rawPartitions, int typedPartitions)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var topics = new PipelineTopics($"t.{id}.raw", $"t.{id}.dlq", $"t.{id}", $"t.{id}.workers");
        await create(topics.Raw, rawPartitions);
        await create(topics.DeadLetter, 1);
        foreach (var typed in topics.Typed)
        {
            await create(typed, typedPartitions);
        }

        return topics;
    }

    /// <summary>
    /// The worker settings that point at these topics, with retries quick enough for a test; with
    /// <paramref name="schemasPath"/>, the catalog read from there.
    /// </summary>
    public Dictionary<string, string?> Settings(string bootstrapServers, string? schemasPath = null) => new()
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

        // The dev broker creates a topic on a metadata request, as a Kafka with auto.create.topics.enable does.
        ["Worker:NewTopicCreation"] = "broker",
    };

    /// <summary>
    /// <see cref="Settings"/> with envelope routing off: the catalog is closed, and an event of a type outside it is
    /// dead-lettered (unknown-event-type) instead of routed to a topic of its own.
    /// </summary>
    public Dictionary<string, string?> ClosedCatalogSettings(string bootstrapServers, string? schemasPath = null)
    {
        var settings = Settings(bootstrapServers, schemasPath);
        settings["Worker:EnvelopeRouting"] = "false";
        return settings;
    }
}
