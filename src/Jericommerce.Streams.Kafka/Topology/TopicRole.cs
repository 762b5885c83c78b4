namespace Jericommerce.Streams.Kafka.Topology;

/// <summary>What a topic is for in the pipeline.</summary>
public enum TopicRole
{
    Raw,
    Typed,
    DeadLetter,
}
