namespace Jericommerce.Streams.Worker.Consuming;

/// <summary>Where the consume loop is in its life, for readiness.</summary>
internal enum ConsumeLoopState
{
    Starting,
    WaitingForAssignment,
    Assigned,
    Stopped,
}
