using System.Globalization;
using Confluent.Kafka.Admin;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Topics;

/// <summary>Every topic the pipeline needs: raw, one per catalog type, the dead-letter topic; the onboarding quarantine topic when asked.</summary>
internal static class TopicPlan
{
    public static IReadOnlyList<TopicSpecification> Create(
        SchemaCatalog catalog,
        string rawTopic,
        string deadLetterTopic,
        int partitions,
        int deadLetterPartitions,
        short replicationFactor,
        TimeSpan? retention,
        TimeSpan? deadLetterRetention,
        IReadOnlyDictionary<string, string> extraConfigs,
        string? quarantineTopic = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var topics = new List<TopicSpecification> { Spec(rawTopic, partitions, replicationFactor, retention, extraConfigs) };
        topics.AddRange(catalog.EventTypes.Select(t => Spec(t.Topic, partitions, replicationFactor, retention, extraConfigs)));
        topics.Add(Spec(deadLetterTopic, deadLetterPartitions, replicationFactor, deadLetterRetention ?? retention, extraConfigs));
        if (quarantineTopic is not null)
        {
            // Unverified requests with personal data: kept a week (long enough to replay after an onboarding window), never longer by default.
            topics.Add(Spec(quarantineTopic, deadLetterPartitions, replicationFactor, QuarantineRetention, extraConfigs));
        }

        return topics;
    }

    /// <summary>Retention of the onboarding quarantine topic.</summary>
    public static readonly TimeSpan QuarantineRetention = TimeSpan.FromDays(7);

    /// <summary><c>8 partitions, replication 3, retention 7d</c>.</summary>
    public static string Describe(TopicSpecification spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var replication = spec.ReplicationFactor < 0 ? "the broker's default replication" : $"replication {spec.ReplicationFactor}";
        var retention = spec.Configs?.TryGetValue("retention.ms", out var ms) == true
            ? ms == "-1" ? "kept forever" : $"retention {Durations.Format(TimeSpan.FromMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture)))}"
            : "the broker's default retention";
        return $"{spec.NumPartitions} partition{(spec.NumPartitions == 1 ? "" : "s")}, {replication}, {retention}";
    }

    private static TopicSpecification Spec(string name, int partitions, short replicationFactor, TimeSpan? retention, IReadOnlyDictionary<string, string> extraConfigs)
    {
        var configs = new Dictionary<string, string>(extraConfigs, StringComparer.Ordinal);
        if (retention is { } keep)
        {
            configs["retention.ms"] = keep == Timeout.InfiniteTimeSpan ? "-1" : ((long)keep.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }

        return new TopicSpecification
        {
            Name = name,
            NumPartitions = partitions,
            // -1 asks the broker for its default.replication.factor (KIP-464, Kafka 2.4+).
            ReplicationFactor = replicationFactor,
            Configs = configs,
        };
    }
}
