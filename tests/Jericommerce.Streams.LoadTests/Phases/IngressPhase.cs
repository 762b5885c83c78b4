using System.Globalization;
using System.Net;
using Jericommerce.Streams.LoadTests.Load;
using Jericommerce.Streams.LoadTests.Stack;

namespace Jericommerce.Streams.LoadTests.Phases;

/// <summary>
/// Pair 1: the ingress ceiling (<see cref="Serve.IngressCeilingHost"/>: same host, no Kafka) and the real ingress
/// (<c>jcs-ingress</c>: verify, produce, await the ack), each a process of its own, driven by the same generator:
/// saturation (closed loop) and latency at fixed offered rates (open loop, 1k and 5k/s).
/// </summary>
internal static class IngressPhase
{
    private const double TargetPerSecond = 20_000;
    private const double TargetRatio = 0.5;
    private const double TargetP99Ms = 10;
    private const long TargetRssBytes = 150L * 1024 * 1024;

    /// <summary>CPU per accepted event at saturation before issue 26 (the make bench of 2026-12-06, see docs/benchmarks.md): the target cuts it by a third.</summary>
    private const double BaselineCostMicros = 63.7;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var requests = new WebhookRequests("127.0.0.1", BenchContext.Secret, $"{context.Tag}-i-");
        var best = new Dictionary<bool, Measurement>();
        var sequence = 0L;
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var ceiling in new[] { true, false })
            {
                var measurement = await MeasureAsync(context, requests, ceiling, context.Broker, context.BootstrapServers, round, () => sequence += 100_000_000, cancellationToken);
                best[ceiling] = best.TryGetValue(ceiling, out var previous) ? Measurement.Best(previous, measurement) : measurement;
            }
        }

        var (top, full) = (best[true], best[false]);
        var ratio = full.Saturation.AcceptedPerSecond / top.Saturation.AcceptedPerSecond;
        var table = context.Table;
        table.Add(new ResultRow(
            "Ingress",
            $"saturation: 202s per second (closed loop, best of {string.Join("/", settings.SaturationConnections)} connections × {settings.Rounds} round(s), {Format.Seconds(settings.SaturationMeasure)} each)",
            $"{Format.PerSecond(full.Saturation.AcceptedPerSecond)} ({full.Saturation.Connections} conn.)",
            $"{Format.PerSecond(top.Saturation.AcceptedPerSecond)} ({top.Saturation.Connections} conn.)",
            Format.Percent(full.Saturation.AcceptedPerSecond, top.Saturation.AcceptedPerSecond),
            "≥ 20,000/s and ≥ 50% of ceiling",
            full.Saturation.AcceptedPerSecond >= TargetPerSecond && ratio >= TargetRatio,
            $"{full.Saturation.Cpu} (ceiling: {top.Saturation.Cpu})"));
        var fullCost = CostPerEvent.MicrosAtRate(full.Saturation.Cpu.Service, full.Saturation.AcceptedPerSecond);
        var ceilingCost = CostPerEvent.MicrosAtRate(top.Saturation.Cpu.Service, top.Saturation.AcceptedPerSecond);
        context.IngressCost = (fullCost, ceilingCost);
        table.Add(CostPerEvent.Row(
            "ingress: CPU per accepted event at saturation (process CPU over 202s in the measured window)",
            fullCost,
            ceilingCost,
            BaselineCostMicros));
        foreach (var (rate, pick) in new (double, Func<Measurement, FixedRateResult>)[] { (1_000, m => m.At1k), (5_000, m => m.At5k) })
        {
            var (f, c) = (pick(full), pick(top));
            var isTarget = rate == 5_000;
            table.Add(new ResultRow(
                "Ingress",
                string.Create(CultureInfo.InvariantCulture, $"latency p50 / p99 / p99.9 at {rate:N0} req/s offered (open loop, from the scheduled send time; {Format.Count(f.Latency.Count)} requests)"),
                f.Latency.P50P99P999 + Refusals(f),
                c.Latency.P50P99P999 + Refusals(c),
                "",
                isTarget ? "p99 ≤ 10 ms" : "",
                isTarget ? f.Latency.P99 <= TargetP99Ms && f.Refused == 0 && f.Failed == 0 : null,
                $"{f.Cpu} (ceiling: {c.Cpu})"));
        }

        table.Add(new ResultRow(
            "Memory",
            "ingress peak RSS (VmHWM of the process, through all its runs above)",
            Format.Megabytes(full.PeakRss),
            Format.Megabytes(top.PeakRss),
            "",
            "≤ 150 MB",
            full.PeakRss <= TargetRssBytes));

        if (settings.MeasureForwarder)
        {
            await MeasureForwarderAsync(context, requests, full, () => sequence += 100_000_000, cancellationToken);
        }
    }

    private static async Task MeasureForwarderAsync(BenchContext context, WebhookRequests requests, Measurement direct, Func<long> nextSequence, CancellationToken cancellationToken)
    {
        var (broker, bootstrap) = await BrokerProcess.StartAsync(context, forwarder: true);
        using (broker)
        {
            var port = FreePort.Next();
            using var ingress = StartIngress(context, ceiling: false, port, bootstrap, "forwarder");
            await BenchContext.WaitReadyAsync(ingress, port, TimeSpan.FromSeconds(60));
            var endpoint = new IPEndPoint(IPAddress.Loopback, port);
            var saturation = await ClosedLoop.RunAsync(endpoint, requests, nextSequence(), direct.Saturation.Connections, context.Settings.SaturationWarmup, context.Settings.SaturationMeasure, () => CpuSnapshot.Take(broker, ingress), cancellationToken);
            var at5k = await OpenLoop.RunAsync(endpoint, requests, nextSequence(), context.Settings.RateConnections, 5_000, context.Settings.RateWarmup, context.Settings.RateMeasure, () => CpuSnapshot.Take(broker, ingress), null, cancellationToken);
            context.Table.Add(new ResultRow(
                "Ingress",
                "the same, through the dev broker's fixed-address TCP forwarder (`make broker`), a broker of its own: saturation; p50 / p99 / p99.9 at 5,000 req/s",
                $"{Format.PerSecond(saturation.AcceptedPerSecond)}; {at5k.Latency.P50P99P999}",
                "",
                Format.Percent(saturation.AcceptedPerSecond, direct.Saturation.AcceptedPerSecond) + " of direct",
                "",
                null,
                saturation.Cpu.ToString()));
        }
    }

    private static async Task<Measurement> MeasureAsync(BenchContext context, WebhookRequests requests, bool ceiling, ChildProcess broker, string bootstrap, int round, Func<long> nextSequence, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var name = ceiling ? "ingress-ceiling" : "ingress";
        var port = FreePort.Next();
        using var service = StartIngress(context, ceiling, port, bootstrap, $"r{round}");
        await BenchContext.WaitReadyAsync(service, port, TimeSpan.FromSeconds(60));
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        CpuSnapshot Cpu() => CpuSnapshot.Take(broker, service);

        SaturationResult? best = null;
        var warmup = settings.SaturationWarmup;
        foreach (var connections in settings.SaturationConnections)
        {
            BenchContext.Progress($"{name} (round {round}): saturation with {connections} connections");
            var result = await ClosedLoop.RunAsync(endpoint, requests, nextSequence(), connections, warmup, settings.SaturationMeasure, Cpu, cancellationToken);

            // The process is warm now: later connection counts only need their connections to settle.
            warmup = TimeSpan.FromSeconds(2);
            BenchContext.Progress($"  {result.AcceptedPerSecond:N0} 202/s, {result.Refused} refused, {result.Failed} failed; {result.Cpu}");
            best = best is null || result.AcceptedPerSecond > best.AcceptedPerSecond ? result : best;
        }

        var rates = new List<FixedRateResult>();
        foreach (var rate in new[] { 1_000.0, 5_000.0 })
        {
            BenchContext.Progress($"{name} (round {round}): {rate:N0} req/s offered");
            var result = await OpenLoop.RunAsync(endpoint, requests, nextSequence(), settings.RateConnections, rate, settings.RateWarmup, settings.RateMeasure, Cpu, null, cancellationToken);
            BenchContext.Progress($"  p50/p99/p99.9 {result.Latency.P50P99P999}, {result.AnsweredPerSecond:N0} answered/s, {result.Refused} refused, {result.Failed} failed; {result.Cpu}");
            rates.Add(result);
        }

        service.Stop();
        return new Measurement(best!, rates[0], rates[1], service.PeakRssBytes);
    }

    private static ChildProcess StartIngress(BenchContext context, bool ceiling, int port, string bootstrap, string suffix)
    {
        var environment = new Dictionary<string, string>(BenchContext.ServiceEnvironment(port, bootstrap))
        {
            ["Ingress__RawTopic"] = BenchTopics.IngressRaw,
            ["Ingress__Secrets__0"] = BenchContext.Secret,
        };
        return ceiling
            ? ChildProcess.Start($"ingress-ceiling-{suffix}", context.HarnessDll, ["serve", "ingress-ceiling"], environment, context.LogDirectory, BenchContext.RuntimeConfigOf(context.IngressDll))
            : ChildProcess.Start($"ingress-{suffix}", context.IngressDll, [], environment, context.LogDirectory);
    }

    private static string Refusals(FixedRateResult result) =>
        result.Refused + result.Failed == 0 ? "" : $" ({result.Refused} refused, {result.Failed} failed)";

    private sealed record Measurement(SaturationResult Saturation, FixedRateResult At1k, FixedRateResult At5k, long PeakRss)
    {
        /// <summary>The better of two rounds, figure by figure (the machine is shared: less disturbed is closer to true).</summary>
        public static Measurement Best(Measurement a, Measurement b) => new(
            a.Saturation.AcceptedPerSecond >= b.Saturation.AcceptedPerSecond ? a.Saturation : b.Saturation,
            a.At1k.Latency.P99 <= b.At1k.Latency.P99 ? a.At1k : b.At1k,
            a.At5k.Latency.P99 <= b.At5k.Latency.P99 ? a.At5k : b.At5k,
            Math.Max(a.PeakRss, b.PeakRss));
    }
}
