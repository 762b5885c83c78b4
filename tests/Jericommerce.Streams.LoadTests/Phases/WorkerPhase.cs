using System.Diagnostics;
using Jericommerce.Streams.LoadTests.Stack;

namespace Jericommerce.Streams.LoadTests.Phases;

/// <summary>
/// Pair 2: the worker ceiling (<see cref="Serve.WorkerCeilingHost"/>: consume and copy to one topic) and the real
/// worker (<c>jcs-worker</c>: resolve, validate, dedup, route), each one process of its own for all its rounds, as a
/// consumer group of its own. Each is first warmed up on <see cref="BenchSettings.WorkerWarmup"/> records (JIT tiering
/// of a fresh .NET process takes hundreds of thousands of events when the cores are busy; measured cold, the worker
/// ran at half its warm rate), then measured on backlogs of unique valid raw records (every catalog type in turn). Each
/// backlog is written while the process is frozen (SIGSTOP), so writing it costs nothing in the measurement; throughput
/// is what reached the output topics (high watermarks, polled every 100 ms) between 10% and 90% of the backlog.
/// </summary>
internal static class WorkerPhase
{
    private const double TargetPerSecond = 40_000;
    private const double TargetRatio = 0.5;
    private const long TargetRssBytes = 150L * 1024 * 1024;

    /// <summary>CPU per routed event through the backlog before issue 26 (the make bench of 2026-12-06, see docs/benchmarks.md): the target cuts it by a third.</summary>
    private const double BaselineCostMicros = 22.0;

    // The dev broker keeps ~5 MiB per partition: a backlog written at once stays well under that over 32 partitions.
    private const int MaxBacklogPerWrite = 150_000;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var backlogs = new FrozenBacklog(context.BootstrapServers, BenchTopics.WorkerRaw, new WebhookRequests("127.0.0.1", BenchContext.Secret, $"{context.Tag}-w-"));
        using var copyCount = new OutputWatermarks(context.BootstrapServers, [(BenchTopics.WorkerCopy, BenchTopics.RawPartitions)]);
        using var typedCount = new OutputWatermarks(
            context.BootstrapServers,
            BenchTopics.Typed(BenchTopics.WorkerPrefix).Select(t => (t, BenchTopics.TypedPartitions))
                .Append((BenchTopics.DeadLetter(BenchTopics.WorkerPrefix), BenchTopics.DeadLetterPartitions)));

        var port = FreePort.Next();
        var ceilingEnvironment = new Dictionary<string, string>(BenchContext.WorkerEnvironment(port, context.BootstrapServers))
        {
            ["Worker__RawTopic"] = BenchTopics.WorkerRaw,
            ["Worker__GroupId"] = $"bench-{context.Tag}-ceiling",
        };
        var (bestCeiling, ceilingRss) = await RunServiceAsync(
            context,
            "worker-ceiling",
            () => ChildProcess.Start("worker-ceiling", context.HarnessDll, ["serve", "worker-ceiling", BenchTopics.WorkerCopy], ceilingEnvironment, context.LogDirectory, BenchContext.RuntimeConfigOf(context.WorkerDll)),
            copyCount,
            backlogs,
            cancellationToken);

        port = FreePort.Next();
        var environment = new Dictionary<string, string>(BenchContext.WorkerEnvironment(port, context.BootstrapServers))
        {
            ["Worker__RawTopic"] = BenchTopics.WorkerRaw,
            ["Worker__GroupId"] = $"bench-{context.Tag}-worker",
            ["Worker__TopicPrefix"] = BenchTopics.WorkerPrefix,
            ["Worker__DeadLetterTopic"] = BenchTopics.DeadLetter(BenchTopics.WorkerPrefix),
        };
        var (bestFull, fullRss) = await RunServiceAsync(
            context,
            "worker",
            () => ChildProcess.Start("worker", context.WorkerDll, [], environment, context.LogDirectory),
            typedCount,
            backlogs,
            cancellationToken);

        var backlog = settings.WorkerBacklog;
        var ratio = bestFull.PerSecond / bestCeiling.PerSecond;
        context.Table.Add(new ResultRow(
            "Worker",
            $"events per second through a backlog of {Format.Count(backlog)} valid unique events, 32 raw partitions, one warm process (after {Format.Count(settings.WorkerWarmup)} unmeasured), best of {settings.Rounds} backlog(s)",
            Format.PerSecond(bestFull.PerSecond) + (bestFull.Complete ? "" : $" (only {Format.Count(bestFull.Written)} written)"),
            Format.PerSecond(bestCeiling.PerSecond) + (bestCeiling.Complete ? "" : $" (only {Format.Count(bestCeiling.Written)} written)"),
            Format.Percent(bestFull.PerSecond, bestCeiling.PerSecond),
            "≥ 40,000/s and ≥ 50% of ceiling",
            bestFull.PerSecond >= TargetPerSecond && ratio >= TargetRatio && bestFull.Complete,
            $"{bestFull.Cpu} (ceiling: {bestCeiling.Cpu})"));
        var fullCost = CostPerEvent.MicrosAtRate(bestFull.Cpu.Service, bestFull.PerSecond);
        var ceilingCost = CostPerEvent.MicrosAtRate(bestCeiling.Cpu.Service, bestCeiling.PerSecond);
        context.WorkerCost = (fullCost, ceilingCost);
        context.Table.Add(CostPerEvent.Row(
            "worker: CPU per routed event through the backlog (process CPU over events written in the measured window)",
            fullCost,
            ceilingCost,
            BaselineCostMicros));
        context.Table.Add(new ResultRow(
            "Memory",
            "worker peak RSS (VmHWM) while consuming the backlogs flat out",
            Format.Megabytes(fullRss),
            Format.Megabytes(ceilingRss),
            "",
            "≤ 150 MB",
            fullRss <= TargetRssBytes));
    }

    /// <summary>One process: warm-up backlogs, then the measured ones; the best measured round and the peak RSS.</summary>
    private static async Task<(Throughput Best, long PeakRss)> RunServiceAsync(
        BenchContext context,
        string name,
        Func<ChildProcess> start,
        OutputWatermarks output,
        FrozenBacklog backlogs,
        CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        using var service = start();

        // Whatever earlier runs left in the topic is read first, as part of the warm-up.
        for (var warmed = 0; warmed < settings.WorkerWarmup; warmed += MaxBacklogPerWrite)
        {
            var count = Math.Min(MaxBacklogPerWrite, settings.WorkerWarmup - warmed);
            BenchContext.Progress($"{name}: warm-up, {count:N0} records");
            var before = await output.SumAsync();
            backlogs.Write(service, count);
            await output.WaitForAsync(before, count, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120), cancellationToken);
            service.ThrowIfExited();
        }

        Throughput? best = null;
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var baseline = await output.SumAsync();
            backlogs.Write(service, settings.WorkerBacklog);
            var result = await MeasureAsync(context, $"{name} (backlog {round})", service, output, baseline, settings.WorkerBacklog, cancellationToken);
            best = best is null || result.PerSecond > best.PerSecond ? result : best;
        }

        service.Stop();
        return (best!, service.PeakRssBytes);
    }

    private static async Task<Throughput> MeasureAsync(BenchContext context, string name, ChildProcess service, OutputWatermarks output, long baseline, int backlog, CancellationToken cancellationToken)
    {
        var samples = new List<(long Count, CpuSnapshot Cpu)>();
        var lastProgress = Stopwatch.GetTimestamp();
        var written = 0L;
        BenchContext.Progress($"{name}: consuming {backlog:N0} records");
        while (written < backlog && Stopwatch.GetElapsedTime(lastProgress) < TimeSpan.FromSeconds(20))
        {
            service.ThrowIfExited();
            await Task.Delay(100, cancellationToken); // The throughput sample's period: a measurement.
            var now = await output.SumAsync() - baseline;
            if (now > written)
            {
                lastProgress = Stopwatch.GetTimestamp();
            }

            written = now;
            samples.Add((written, CpuSnapshot.Take(context.Broker, service)));
        }

        var from = samples.FirstOrDefault(s => s.Count >= backlog / 10);
        var to = samples.FirstOrDefault(s => s.Count >= backlog * 9 / 10);
        if (to.Count == 0 || from.Count == 0 || to.Cpu.Timestamp == from.Cpu.Timestamp)
        {
            BenchContext.Progress($"  {name} wrote only {written:N0} of {backlog:N0}");
            return new Throughput(0, written, false, default);
        }

        var seconds = Stopwatch.GetElapsedTime(from.Cpu.Timestamp, to.Cpu.Timestamp).TotalSeconds;
        var result = new Throughput((to.Count - from.Count) / seconds, written, written >= backlog, to.Cpu.Since(from.Cpu));
        BenchContext.Progress($"  {result.PerSecond:N0} events/s; {written:N0} written; {result.Cpu}");
        return result;
    }

    private sealed record Throughput(double PerSecond, long Written, bool Complete, CpuUse Cpu);
}
