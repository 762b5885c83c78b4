namespace Jericommerce.Streams.Kafka.Topology;

/// <summary>The Kafka topic configs the topology sets or checks itself.</summary>
public static class TopicConfigs
{
    public const string RetentionMs = "retention.ms";

    public const string MinInSyncReplicas = "min.insync.replicas";
}
