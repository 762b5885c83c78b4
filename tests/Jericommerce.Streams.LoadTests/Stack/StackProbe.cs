using Jericommerce.Streams.LoadTests.Phases;

namespace Jericommerce.Streams.LoadTests.Stack;

/// <summary>Takes <see cref="PipelineMark"/>s of a running dev stack: the CPU of its processes at once, the watermarks just after.</summary>
internal sealed class StackProbe(DevStackProcess stack, OutputWatermarks raw, OutputWatermarks routed, TimeProvider time)
{
    private readonly long _origin = time.GetTimestamp();

    public TimeSpan Now => time.GetElapsedTime(_origin);

    public TimeProvider Time => time;

    public Task<long> RoutedAsync() => routed.SumAsync();

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

    /// <summary>Waits (up to <paramref name="timeout"/>) until everything on the raw topic is routed; false if it was not.</summary>
    public async Task<bool> WaitDrainedAsync(PipelineMark baseline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var now = await MarkAsync();
        var target = baseline.Routed + (now.Raw - baseline.Raw);
        return await Drain.WaitAsync(RoutedAsync, target, TimeSpan.FromMilliseconds(50), timeout, time, cancellationToken) is not null;
    }
}
