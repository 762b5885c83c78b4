namespace Jericommerce.Streams.Kafka.Topology;

/// <summary>What a check of the topology found: all topics there, or which are missing and why they stay so.</summary>
public sealed record TopologyStatus(bool Ready, IReadOnlyList<string> Missing, IReadOnlyList<string> Created, string Detail)
{
    public static TopologyStatus NotCheckedYet { get; } = new(false, [], [], "topics not checked yet");
}
