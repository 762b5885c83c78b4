namespace Jericommerce.Streams.Worker.Pipeline;

internal enum EngineState
{
    Starting,
    WaitingForAssignment,
    Assigned,
    Stopped,
}
