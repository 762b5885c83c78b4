using System.Diagnostics;
using System.Net;
using Jericommerce.Streams.LoadTests.Load;
using Jericommerce.Streams.LoadTests.Phases;

namespace Jericommerce.Streams.LoadTests.Stack;

/// <summary>
/// One load of the whole stack, open loop at a fixed rate or closed loop at saturation: a mark where the measured
/// window starts and ends (taken by the load itself), the lag when it ends, then the wait until the worker has routed
/// everything the ingress accepted.
/// </summary>
internal sealed class StackRun(StackProbe probe, DevStackProcess stack, WebhookRequests requests, DownstreamTracker tracker)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    public IPEndPoint Endpoint { get; } = new(IPAddress.Loopback, stack.IngressPort);

    public async Task<StackResult> AtRateAsync(double rate, int connections, TimeSpan warmup, TimeSpan measure, long firstSequence, CancellationToken cancellationToken)
    {
        var baseline = await probe.MarkAsync();
        var marks = new List<Task<PipelineMark>>();
        var load = await OpenLoop.RunAsync(Endpoint, requests, firstSequence, connections, rate, warmup, measure, () => Mark(marks), tracker.Accept, cancellationToken, abandonAtEnd: true);
        var (window, drain) = await FinishAsync(baseline, marks, cancellationToken);
        var warmupCount = (long)(warmup.TotalSeconds * rate);
        var total = warmupCount + (long)(measure.TotalSeconds * rate);
        var latencies = new LatencySamples((int)(total - warmupCount));
        foreach (var ms in tracker.LatenciesMs(firstSequence + warmupCount, firstSequence + total))
        {
            latencies.Add(ms * Stopwatch.Frequency / 1000);
        }

        return new StackResult(rate, window, window.End.LagSince(baseline), drain, latencies.Summarize(), load.Refused + load.Failed, connections, load.Unsent);
    }

    public async Task<StackResult> AtSaturationAsync(int connections, TimeSpan warmup, TimeSpan measure, long firstSequence, CancellationToken cancellationToken)
    {
        var baseline = await probe.MarkAsync();
        var marks = new List<Task<PipelineMark>>();
        var load = await ClosedLoop.RunAsync(Endpoint, requests, firstSequence, connections, warmup, measure, () => Mark(marks), cancellationToken);
        var (window, drain) = await FinishAsync(baseline, marks, cancellationToken);
        return new StackResult(null, window, window.End.LagSince(baseline), drain, null, load.Refused + load.Failed, connections);
    }

    /// <summary>The load's CPU callback: takes a mark (the first call starts the window, the second ends it).</summary>
    private CpuSnapshot Mark(List<Task<PipelineMark>> marks)
    {
        lock (marks)
        {
            marks.Add(probe.MarkAsync());
        }

        return CpuSnapshot.Take(stack.Jcs);
    }

    private async Task<(PipelineWindow Window, TimeSpan? Drain)> FinishAsync(PipelineMark baseline, List<Task<PipelineMark>> marks, CancellationToken cancellationToken)
    {
        var window = new PipelineWindow(await marks[0], await marks[1]);

        // Every request has been answered now: what the raw topic holds is all the worker has to route.
        var drainedAt = await probe.DrainedAtAsync(baseline, TimeSpan.FromMilliseconds(20), DrainTimeout, cancellationToken);
        return (window, drainedAt - window.End.At);
    }
}
