using Jericommerce.Streams.LoadTests.Phases;

namespace Jericommerce.Streams.LoadTests.Stack;

/// <summary>Takes <see cref="PipelineMark"/>s of a running dev stack: the CPU of its processes at once, the watermarks just after.</summary>
internal sealed class StackProbe(DevStackProcess stack, OutputWatermarks raw, OutputWatermarks routed, TimeProvider time)
{
    private readonly long _origin = time.GetTimestamp();

    private TimeSpan Now => time.GetElapsedTime(_origin);

    private Task<long> RoutedAsync() => routed.SumAsync();

    /// <summary>
    /// A mark of this moment. Safe to call from the open loop's pacing thread: it reads <c>/proc</c> there and leaves the
    /// two ListOffsets requests to the thread pool, so pacing is not held up.
    /// </summary>
    public Task<PipelineMark> MarkAsync()
    {
        var at = Now;
        var cpu = StackCpu.FromTimes(ProcFs.CpuTime(Environment.ProcessId), stack.Jcs.CpuTime, stack.Ingress.CpuTime, stack.Worker.CpuTime);
        var rawCount = Task.Run(raw.SumAsync);
        var routedCount = Task.Run(routed.SumAsync);
        return Complete(at, cpu, rawCount, routedCount);
    }

    private static async Task<PipelineMark> Complete(TimeSpan at, StackCpu cpu, Task<long> raw, Task<long> routed) =>
        new(at, await raw, await routed, cpu);

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>, polling every <paramref name="poll"/>) until everything added to the raw
    /// topic since <paramref name="baseline"/> is routed, and gives the moment it was, on this probe's clock; null if it
    /// was not in time.
    /// </summary>
    public async Task<TimeSpan?> DrainedAtAsync(PipelineMark baseline, TimeSpan poll, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var now = await MarkAsync();
        var target = baseline.Routed + (now.Raw - baseline.Raw);
        var from = Now;
        return await Drain.WaitAsync(RoutedAsync, target, poll, timeout, time, cancellationToken) is { } waited ? from + waited : null;
    }
}
