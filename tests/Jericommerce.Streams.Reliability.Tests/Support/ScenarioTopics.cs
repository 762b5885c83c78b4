using Jericommerce.Streams.DevKafka;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>The raw topic, the dead-letter topic and every typed topic of one test, and the worker group.</summary>
internal sealed record ScenarioTopics(string Raw, string DeadLetter, string Prefix, string GroupId, int RawPartitions)
{
    public static readonly SchemaCatalog Catalog = SchemaCatalog.Load(SchemaDirectory.Default);

    public const int TypedPartitions = 2;

    public IReadOnlyList<string> Typed => [.. Catalog.EventTypes.Select(t => TypedTopic(t.Slug))];

    public IReadOnlyList<string> Outputs => [.. Typed, DeadLetter];

    public string TypedTopic(string slug) => $"{Prefix}.{Catalog.EventTypes.Single(t => t.Slug == slug).TopicSuffix}";

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
