using Confluent.Kafka;

namespace Jericommerce.Streams.LoadTests.Kafka;

/// <summary>How many partitions each topic has, as the broker says: the whole-stack phase reads the layout <c>jcs dev</c> made rather than restating it.</summary>
internal static class TopicLayout
{
    public static IReadOnlyList<(string Topic, int Partitions)> Read(string bootstrapServers, IEnumerable<string> topics)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers, ClientId = "jcs-bench-layout" }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        return [.. topics.Select(topic => metadata.Topics.FirstOrDefault(t => t.Topic == topic) is { Partitions.Count: > 0 } found
            ? (topic, found.Partitions.Count)
            : throw new InvalidOperationException($"the broker at {bootstrapServers} has no topic {topic}"))];
    }
}
