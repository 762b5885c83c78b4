using Confluent.Kafka;
using Jericommerce.Streams.DevKafka;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>
/// The raw topic, the dead-letter topic and every typed topic of one test, and the worker group. Types outside
/// the catalog get a topic of their own on first sight (envelope routing), so what the worker wrote is read from
/// every topic under the test's prefix (<see cref="OutputsAsync"/>), not from a list fixed in advance.
/// </summary>
internal sealed record ScenarioTopics(string Raw, string DeadLetter, string Prefix, string GroupId, int RawPartitions)
{
    public static readonly SchemaCatalog Catalog = SchemaCatalog.Load(SchemaDirectory.Default);

    public const int TypedPartitions = 2;

    public IReadOnlyList<string> Typed => [.. Catalog.EventTypes.Select(t => TypedTopic(t.Slug))];

    public IReadOnlyList<string> Outputs => [.. Typed, DeadLetter];

    /// <summary>The typed topic of <paramref name="slug"/>: the catalog's, or the envelope-routed <c>&lt;prefix&gt;.&lt;slug&gt;.v1</c>.</summary>
    public string TypedTopic(string slug) => $"{Prefix}.{Catalog.EventTypes.SingleOrDefault(t => t.Slug == slug)?.TopicSuffix ?? slug + ".v1"}";

    /// <summary>The slug whose typed topic <paramref name="topic"/> is (the inverse of <see cref="TypedTopic"/>).</summary>
    public string SlugOf(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var suffix = topic[(Prefix.Length + 1)..];
        return Catalog.EventTypes.SingleOrDefault(t => t.TopicSuffix == suffix)?.Slug ?? suffix[..^".v1".Length];
    }

    /// <summary>Every topic the worker may have written: the DLQ and each typed topic under the prefix, envelope-routed ones included.</summary>
    public Task<IReadOnlyList<string>> OutputsAsync(string bootstrapServers, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<string>>(
            () =>
            {
                using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
                var all = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic);
                return [.. all.Where(t => t.StartsWith(Prefix + ".", StringComparison.Ordinal) && t != Raw).Union(Outputs).Order(StringComparer.Ordinal)];
            },
            cancellationToken);

    public static ScenarioTopics Create(DevKafkaCluster cluster, int rawPartitions, int deadLetterPartitions = 2)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var id = Guid.NewGuid().ToString("N")[..10];
        var topics = new ScenarioTopics($"c.{id}.raw", $"c.{id}.dlq", $"c.{id}", $"c.{id}.workers", rawPartitions);
        cluster.CreateTopic(topics.Raw, rawPartitions);
        cluster.CreateTopic(topics.DeadLetter, deadLetterPartitions);
        foreach (var typed in topics.Typed)
        {
            cluster.CreateTopic(typed, TypedPartitions);
        }

        return topics;
    }
}
