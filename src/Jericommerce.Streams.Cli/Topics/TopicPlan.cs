using System.Globalization;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Kafka.Topology;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Topics;

/// <summary>Every topic the pipeline needs (raw, one per catalog type, the dead-letter topic), from the topology the services share.</summary>
internal static class TopicPlan
{
    /// <summary>Retention of the onboarding quarantine topic.</summary>
    public static readonly TimeSpan QuarantineRetention = TimeSpan.FromDays(7);

    public static IReadOnlyList<PipelineTopic> Create(SchemaCatalog catalog, string rawTopic, string deadLetterTopic, TopologyOptions options, string? quarantineTopic = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (TopologyOptionsValidator.Failures(options) is [var first, ..])
        {
            throw CliException.Usage(first);
        }

        var topics = PipelineTopology.Create(options, rawTopic, catalog.EventTypes.Select(t => t.Topic), deadLetterTopic).Topics;
        if (quarantineTopic is null)
        {
            return topics;
        }

        // Unverified requests with personal data: made like the dead-letter topic, but kept a week (long enough to
        // replay after an onboarding window), never longer by default.
        var deadLetters = topics.Single(t => t.Role == TopicRole.DeadLetter);
        var configs = new Dictionary<string, string>(deadLetters.Configs, StringComparer.Ordinal)
        {
            [TopicConfigs.RetentionMs] = ((long)QuarantineRetention.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        };
        return [.. topics, deadLetters with { Name = quarantineTopic, Configs = configs }];
    }

    /// <summary><c>8 partitions, replication 3, min.insync.replicas 2, retention 7d</c>.</summary>
    public static string Describe(PipelineTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var replication = topic.ReplicationFactor < 0 ? "the broker's default replication" : $"replication {topic.ReplicationFactor}";
        var inSync = topic.Configs.TryGetValue(TopicConfigs.MinInSyncReplicas, out var replicas) ? $", min.insync.replicas {replicas}" : "";
        var retention = topic.Configs.TryGetValue(TopicConfigs.RetentionMs, out var ms)
            ? ms == "-1" ? "kept forever" : $"retention {Durations.Format(TimeSpan.FromMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture)))}"
            : "the broker's default retention";
        return $"{topic.Partitions} partition{(topic.Partitions == 1 ? "" : "s")}, {replication}{inSync}, {retention}";
    }
}
