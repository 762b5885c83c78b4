using System.Globalization;
using System.Net;
using Jericommerce.Streams.LoadTests.Load;

namespace Jericommerce.Streams.LoadTests.Phases;

/// <summary>
/// Pair 3: the real ingress and the real worker, each a process of its own, at a fixed offered rate (open loop);
/// the harness reads the typed topics as records land and checks that every accepted id arrives exactly once.
/// Both services are first warmed up by a burst at saturation (its events have ids of their own and are not
/// measured), which is let drain before the measured load starts.
/// </summary>
internal static class EndToEndPhase
{
    private const double TargetP99Ms = 50;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var requests = new WebhookRequests("127.0.0.1", BenchContext.Secret, $"{context.Tag}-e-");
        var warmupCount = (long)(settings.EndToEndWarmup.TotalSeconds * settings.EndToEndRate);
        var total = warmupCount + (long)(settings.EndToEndMeasure.TotalSeconds * settings.EndToEndRate);
        var deadLetter = BenchTopics.DeadLetter(BenchTopics.EndToEndPrefix);
        using var tracker = new DownstreamTracker(
            context.BootstrapServers,
            BenchTopics.Typed(BenchTopics.EndToEndPrefix).Select(t => (t, BenchTopics.TypedPartitions)).Append((deadLetter, BenchTopics.DeadLetterPartitions)),
            deadLetter,
            requests,
            0,
            (int)total);

        var workerPort = FreePort.Next();
        var workerEnvironment = new Dictionary<string, string>(BenchContext.WorkerEnvironment(workerPort, context.BootstrapServers))
        {
            ["Worker__RawTopic"] = BenchTopics.EndToEndRaw,
            ["Worker__GroupId"] = $"bench-{context.Tag}-e2e",
            ["Worker__TopicPrefix"] = BenchTopics.EndToEndPrefix,
            ["Worker__DeadLetterTopic"] = deadLetter,
        };
        var ingressPort = FreePort.Next();
        var ingressEnvironment = new Dictionary<string, string>(BenchContext.ServiceEnvironment(ingressPort, context.BootstrapServers))
        {
            ["Ingress__RawTopic"] = BenchTopics.EndToEndRaw,
            ["Ingress__Secrets__0"] = BenchContext.Secret,
        };
        using var worker = ChildProcess.Start("worker-e2e", context.WorkerDll, [], workerEnvironment, context.LogDirectory);
        using var ingress = ChildProcess.Start("ingress-e2e", context.IngressDll, [], ingressEnvironment, context.LogDirectory);
        await BenchContext.WaitReadyAsync(ingress, ingressPort, TimeSpan.FromSeconds(60));
        await BenchContext.WaitReadyAsync(worker, workerPort, TimeSpan.FromSeconds(60));

        BenchContext.Progress($"end to end: warm-up burst at saturation for {Format.Seconds(settings.EndToEndBurst)}");
        var burst = await ClosedLoop.RunAsync(
            new IPEndPoint(IPAddress.Loopback, ingressPort),
            new WebhookRequests("127.0.0.1", BenchContext.Secret, $"{context.Tag}-b-"),
            0,
            settings.SaturationConnections[0],
            TimeSpan.Zero,
            settings.EndToEndBurst,
            () => CpuSnapshot.Take(context.Broker, ingress, worker),
            cancellationToken);
        await tracker.WaitForQuietAsync(burst.Accepted, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), cancellationToken);
        BenchContext.Progress($"  {burst.AcceptedPerSecond:N0} events/s accepted; {tracker.Foreign:N0} of {burst.Accepted:N0} read downstream");

        BenchContext.Progress($"end to end: {settings.EndToEndRate:N0} events/s offered for {Format.Seconds(settings.EndToEndWarmup + settings.EndToEndMeasure)} (the first {Format.Seconds(settings.EndToEndWarmup)} not measured)");
        var load = await OpenLoop.RunAsync(
            new IPEndPoint(IPAddress.Loopback, ingressPort),
            requests,
            0,
            settings.RateConnections,
            settings.EndToEndRate,
            settings.EndToEndWarmup,
            settings.EndToEndMeasure,
            () => CpuSnapshot.Take(context.Broker, ingress, worker),
            tracker.Accept,
            cancellationToken);
        await tracker.WaitForAllAsync(TimeSpan.FromSeconds(10), cancellationToken);
        var completeness = tracker.Completeness();
        var latencies = new Load.LatencySamples((int)(total - warmupCount));
        foreach (var ms in tracker.LatenciesMs(warmupCount, total))
        {
            latencies.Add(ms * System.Diagnostics.Stopwatch.Frequency / 1000);
        }

        var latency = latencies.Summarize();
        using (var http = new HttpClient())
        {
            await File.WriteAllTextAsync(Path.Combine(context.LogDirectory, "worker-e2e-metrics.txt"), await http.GetStringAsync(new Uri($"http://127.0.0.1:{workerPort}/metrics"), cancellationToken), cancellationToken);
        }

        worker.Stop();
        ingress.Stop();
        BenchContext.Progress($"  HTTP receipt → typed topic p50/p99/max {latency.P50P99Max}; {completeness}");

        context.Table.Add(new ResultRow(
            "End to end",
            string.Create(CultureInfo.InvariantCulture, $"HTTP receipt (jc-received-at) → read from the typed topic, p50 / p99 / max, at {settings.EndToEndRate:N0} events/s offered ({Format.Count(latency.Count)} events measured)"),
            latency.P50P99Max,
            "",
            "",
            "p99 ≤ 50 ms",
            latency.P99 <= TargetP99Ms && latency.Count > 0,
            load.Cpu.ToString()));
        context.Table.Add(new ResultRow(
            "End to end",
            "completeness: accepted (202) ids found exactly once on the typed topics",
            string.Create(CultureInfo.InvariantCulture, $"{completeness.Percent:F3}% ({Format.Count(completeness.FoundOnce)} of {Format.Count(completeness.Accepted)}; {completeness.Missing} missing, {completeness.Duplicated} duplicated, {completeness.DeadLettered} dead-lettered, {load.Refused + load.Failed} not accepted)"),
            "",
            "",
            "100%",
            completeness.IsComplete));
        context.Table.Add(new ResultRow(
            "Memory",
            string.Create(CultureInfo.InvariantCulture, $"peak RSS (VmHWM) during the end-to-end run: ingress / worker"),
            $"{Format.Megabytes(ingress.PeakRssBytes)} / {Format.Megabytes(worker.PeakRssBytes)}",
            "",
            "",
            "",
            null));
    }
}
