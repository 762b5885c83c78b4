using System.Diagnostics;

namespace Jericommerce.Streams.LoadTests.Processes;

/// <summary>The CPU time used so far by the load generator (this process), the broker and the service under test.</summary>
internal readonly record struct CpuSnapshot(long Timestamp, TimeSpan Generator, TimeSpan Broker, TimeSpan Service)
{
    public static CpuSnapshot Take(ChildProcess broker, params ChildProcess?[] services) => new(
        Stopwatch.GetTimestamp(),
        ProcFs.CpuTime(Environment.ProcessId),
        broker.CpuTime,
        services.Where(s => s is not null).Aggregate(TimeSpan.Zero, (sum, s) => sum + s!.CpuTime));

    /// <summary>Average cores used by each between <paramref name="start"/> and this snapshot.</summary>
    public CpuUse Since(CpuSnapshot start)
    {
        var wall = Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds;
        return wall <= 0
            ? default
            : new CpuUse(
                (Generator - start.Generator).TotalSeconds / wall,
                (Broker - start.Broker).TotalSeconds / wall,
                (Service - start.Service).TotalSeconds / wall);
    }
}
