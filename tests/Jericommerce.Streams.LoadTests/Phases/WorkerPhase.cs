using System.Diagnostics;
using Jericommerce.Streams.LoadTests.Http;
using Jericommerce.Streams.LoadTests.Kafka;
using Jericommerce.Streams.LoadTests.Processes;
using Jericommerce.Streams.LoadTests.Report;

namespace Jericommerce.Streams.LoadTests.Phases;

/// <summary>
/// Pair 2: a backlog of unique valid raw records (all seven types in turn) is written once; then the worker
/// ceiling (<see cref="Serve.WorkerCeilingHost"/>: consume and copy to one topic) and the real worker
/// (<c>jcs-worker</c>: resolve, validate, dedup, route) each consume all of it as a consumer group of their own, in
/// a process of their own. The first <see cref="BenchSettings.WorkerWarmup"/> records are not measured (JIT tiering,
/// group join); throughput is what reached the output topics (high watermarks, polled every 100 ms) between 10%
/// and 90% of the measured backlog after them.
/// </summary>
internal static class WorkerPhase
{
    private const double TargetPerSecond = 40_000;
    private const double TargetRatio = 0.5;
    private const long TargetRssBytes = 200L * 1024 * 1024;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var backlog = settings.WorkerBacklog;
        var warmup = settings.WorkerWarmup;
        var requests = new WebhookRequests("127.0.0.1", BenchContext.Secret, $"{context.Tag}-w-");
        BenchContext.Progress($"worker: writing {warmup:N0} warm-up then {backlog:N0} measured raw records to {BenchTopics.WorkerRaw} ({BenchTopics.RawPartitions} partitions)");
        RawPrefill.Write(context.BootstrapServers, BenchTopics.WorkerRaw, requests, 0, warmup + backlog);

        using var copyCount = new OutputWatermarks(context.BootstrapServers, [(BenchTopics.WorkerCopy, BenchTopics.RawPartitions)]);
        using var typedCount = new OutputWatermarks(
            context.BootstrapServers,
            BenchTopics.Typed(BenchTopics.WorkerPrefix).Select(t => (t, BenchTopics.TypedPartitions))
                .Append((BenchTopics.DeadLetter(BenchTopics.WorkerPrefix), BenchTopics.DeadLetterPartitions)));
        Throughput? bestCeiling = null;
        Throughput? bestFull = null;
        long ceilingRss = 0;
        long fullRss = 0;
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var port = FreePort.Next();
            var ceilingEnvironment = new Dictionary<string, string>(BenchContext.WorkerEnvironment(port, context.BootstrapServers))
            {
                ["Worker__RawTopic"] = BenchTopics.WorkerRaw,
                ["Worker__GroupId"] = $"bench-{context.Tag}-ceiling-{round}",
            };
            using (var ceiling = ChildProcess.Start(
                $"worker-ceiling-r{round}",
                context.HarnessDll,
                ["serve", "worker-ceiling", BenchTopics.WorkerCopy],
                ceilingEnvironment,
                context.LogDirectory))
            {
                var result = await MeasureAsync(context, "worker-ceiling", ceiling, copyCount, warmup, backlog, cancellationToken);
                bestCeiling = bestCeiling is null || result.PerSecond > bestCeiling.PerSecond ? result : bestCeiling;
                ceiling.Stop();
                ceilingRss = Math.Max(ceilingRss, ceiling.PeakRssBytes);
            }

            port = FreePort.Next();
            var environment = new Dictionary<string, string>(BenchContext.WorkerEnvironment(port, context.BootstrapServers))
            {
                ["Worker__RawTopic"] = BenchTopics.WorkerRaw,
                ["Worker__GroupId"] = $"bench-{context.Tag}-worker-{round}",
                ["Worker__TopicPrefix"] = BenchTopics.WorkerPrefix,
                ["Worker__DeadLetterTopic"] = BenchTopics.DeadLetter(BenchTopics.WorkerPrefix),
            };
            using (var worker = ChildProcess.Start($"worker-r{round}", context.WorkerDll, [], environment, context.LogDirectory))
            {
                var result = await MeasureAsync(context, "worker", worker, typedCount, warmup, backlog, cancellationToken);
                bestFull = bestFull is null || result.PerSecond > bestFull.PerSecond ? result : bestFull;
                worker.Stop();
                fullRss = Math.Max(fullRss, worker.PeakRssBytes);
            }
        }

        var ratio = bestFull!.PerSecond / bestCeiling!.PerSecond;
        context.Table.Add(new ResultRow(
            "Worker",
            $"events per second through a backlog of {Format.Count(backlog)} valid unique events (after {Format.Count(warmup)} unmeasured), {BenchTopics.RawPartitions} raw partitions, best of {settings.Rounds} round(s)",
            Format.PerSecond(bestFull.PerSecond) + (bestFull.Complete ? "" : $" (only {Format.Count(bestFull.Written)} written)"),
            Format.PerSecond(bestCeiling.PerSecond) + (bestCeiling.Complete ? "" : $" (only {Format.Count(bestCeiling.Written)} written)"),
            Format.Percent(bestFull.PerSecond, bestCeiling.PerSecond),
            "≥ 40,000/s and ≥ 50% of ceiling",
            bestFull.PerSecond >= TargetPerSecond && ratio >= TargetRatio && bestFull.Complete,
            $"{bestFull.Cpu} (ceiling: {bestCeiling.Cpu})"));
        context.Table.Add(new ResultRow(
            "Memory",
            "worker peak RSS (VmHWM) while consuming the backlog flat out",
            Format.Megabytes(fullRss),
            Format.Megabytes(ceilingRss),
            "",
            "≤ 200 MB",
            fullRss <= TargetRssBytes));
    }

    private static async Task<Throughput> MeasureAsync(BenchContext context, string name, ChildProcess service, OutputWatermarks output, int warmup, int backlog, CancellationToken cancellationToken)
    {
        var total = warmup + backlog;
        var baseline = await output.SumAsync();
        var samples = new List<(long Count, CpuSnapshot Cpu)>();
        var lastProgress = Stopwatch.GetTimestamp();
        var written = 0L;
        BenchContext.Progress($"{name}: consuming the backlog");
        while (written < total && Stopwatch.GetElapsedTime(lastProgress) < TimeSpan.FromSeconds(20))
        {
            service.ThrowIfExited();
            await Task.Delay(100, cancellationToken);
            var now = await output.SumAsync() - baseline;
            if (now > written)
            {
                lastProgress = Stopwatch.GetTimestamp();
            }

            written = now;
            samples.Add((written, CpuSnapshot.Take(context.Broker, service)));
        }

        var from = samples.FirstOrDefault(s => s.Count >= warmup + (backlog / 10));
        var to = samples.FirstOrDefault(s => s.Count >= warmup + (backlog * 9 / 10));
        if (to.Count == 0 || from.Count == 0 || to.Cpu.Timestamp == from.Cpu.Timestamp)
        {
            BenchContext.Progress($"  {name} wrote only {written:N0} of {total:N0}");
            return new Throughput(0, written, false, default);
        }

        var seconds = Stopwatch.GetElapsedTime(from.Cpu.Timestamp, to.Cpu.Timestamp).TotalSeconds;
        var result = new Throughput((to.Count - from.Count) / seconds, written, written >= total, to.Cpu.Since(from.Cpu));
        BenchContext.Progress($"  {result.PerSecond:N0} events/s; {written:N0} written; {result.Cpu}");
        return result;
    }

    private sealed record Throughput(double PerSecond, long Written, bool Complete, CpuUse Cpu);
}
