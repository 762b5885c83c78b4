using System.Globalization;
using Confluent.Kafka;

namespace Jericommerce.Streams.Kafka.Topology;

/// <summary>
/// The topics a part of the pipeline needs, with how each is made: the one description the worker, the ingress and
/// <c>jcs topics create</c> share. The ingress needs the raw topic; the worker and jcs the raw topic, every catalog
/// type's typed topic and the dead-letter topic.
/// </summary>
public sealed class PipelineTopology
{
    private PipelineTopology(IReadOnlyList<PipelineTopic> topics) => Topics = topics;

    public IReadOnlyList<PipelineTopic> Topics { get; }

    /// <param name="options">Partitions, replication and configs.</param>
    /// <param name="rawTopic">The raw topic.</param>
    /// <param name="typedTopics">The typed topics (none for the ingress).</param>
    /// <param name="deadLetterTopic">The dead-letter topic (null for the ingress).</param>
    public static PipelineTopology Create(TopologyOptions options, string rawTopic, IEnumerable<string> typedTopics, string? deadLetterTopic)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(typedTopics);
        var configs = Configs(options, options.Configs);
        var topics = new List<PipelineTopic> { new(rawTopic, TopicRole.Raw, options.Partitions, options.ReplicationFactor, configs) };
        topics.AddRange(typedTopics.Select(t => new PipelineTopic(t, TopicRole.Typed, options.Partitions, options.ReplicationFactor, configs)));
        if (deadLetterTopic is not null)
        {
            var merged = new Dictionary<string, string>(options.Configs, StringComparer.Ordinal);
            foreach (var (key, value) in options.DeadLetterConfigs)
            {
                merged[key] = value;
            }

            topics.Add(new PipelineTopic(deadLetterTopic, TopicRole.DeadLetter, options.DeadLetterPartitions, options.ReplicationFactor, Configs(options, merged)));
        }

        return new PipelineTopology(topics);
    }

    /// <summary>
    /// The topics absent from <paramref name="metadata"/>, which must be a request for all topics: one naming a topic
    /// lets a broker with auto-creation (the dev broker among them) create it, and a missing topic would look present.
    /// A topic listed with an error or without partitions counts as missing.
    /// </summary>
    public IReadOnlyList<PipelineTopic> Missing(Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var present = metadata.Topics.Where(t => !t.Error.IsError && t.Partitions.Count > 0).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        return [.. Topics.Where(t => !present.Contains(t.Name))];
    }

    /// <summary>
    /// The configs with empty values left out (the broker's default) and, unless set, <c>min.insync.replicas</c> from
    /// the replication factor: 2 from 3 replicas up (a broker may be lost without refusing acks=all writes), else 1.
    /// </summary>
    private static Dictionary<string, string> Configs(TopologyOptions options, IReadOnlyDictionary<string, string> configs)
    {
        var result = configs.Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToDictionary(c => c.Key.Trim(), c => c.Value.Trim(), StringComparer.Ordinal);
        if (!configs.ContainsKey(TopicConfigs.MinInSyncReplicas) && options.ReplicationFactor > 0)
        {
            result[TopicConfigs.MinInSyncReplicas] = (options.ReplicationFactor >= 3 ? 2 : 1).ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }
}
