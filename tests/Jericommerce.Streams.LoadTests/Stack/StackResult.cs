using Jericommerce.Streams.LoadTests.Load;

namespace Jericommerce.Streams.LoadTests.Stack;

/// <summary>One measured load of the whole stack.</summary>
/// <param name="Offered">Events per second offered (open loop), or null at saturation (closed loop).</param>
/// <param name="Window">The measured window: accepted and routed per second, cores, CPU per event.</param>
/// <param name="LagAtEnd">Raw records not yet routed when the load ended.</param>
/// <param name="DrainTime">From the load's end until every accepted event was routed; null if not within the timeout.</param>
/// <param name="Latency">HTTP receipt to typed record, of the events due in the window (none at saturation).</param>
/// <param name="NotAccepted">Requests of the window answered with anything but 202, or failed.</param>
/// <param name="Connections">HTTP/1.1 keep-alive connections of the generator.</param>
/// <param name="Unsent">Offered requests still waiting for a free connection when the load ended, not sent.</param>
internal sealed record StackResult(double? Offered, PipelineWindow Window, long LagAtEnd, TimeSpan? DrainTime, LatencySummary? Latency, long NotAccepted, int Connections, long Unsent = 0)
{
    /// <summary>The lag at the end in seconds of load: over the offered rate, or over the accepted rate at saturation.</summary>
    public double LagSeconds => LagAtEnd / Math.Max(1, Offered ?? Window.AcceptedPerSecond);
}
