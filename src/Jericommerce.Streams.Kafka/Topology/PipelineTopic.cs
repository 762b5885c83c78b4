using Confluent.Kafka.Admin;

namespace Jericommerce.Streams.Kafka.Topology;

/// <summary>One topic of the pipeline, as it is to be created.</summary>
public sealed record PipelineTopic(string Name, TopicRole Role, int Partitions, short ReplicationFactor, IReadOnlyDictionary<string, string> Configs)
{
    /// <summary>The AdminClient's CreateTopics entry for this topic.</summary>
    public TopicSpecification ToSpecification() => new()
    {
        Name = Name,
        NumPartitions = Partitions,

        // -1 asks the broker for its default.replication.factor (KIP-464, Kafka 2.4+).
        ReplicationFactor = ReplicationFactor,
        Configs = new Dictionary<string, string>(Configs, StringComparer.Ordinal),
    };
}
