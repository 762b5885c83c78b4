using System.Globalization;
using Jericommerce.Streams.LoadTests.Phases;

namespace Jericommerce.Streams.LoadTests.Stack;

/// <summary>The whole-stack phase's rows: keeping up, end-to-end latency and CPU per event, per load.</summary>
internal static class StackRows
{
    /// <summary>At this rate the stack must keep up: lag at the end of the load under one second's worth.</summary>
    public const double KeepUpRate = 10_000;

    /// <summary>At this rate the end-to-end p99 must be at most <see cref="TargetP99Ms"/>.</summary>
    public const double LatencyRate = 5_000;

    public const double TargetP99Ms = 50;

    public static string Summary(StackResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Figures(r)}; e2e p50/p99/max {LatencyText(r)}; {Costs(r)}; {r.Window.Cores}; {r.NotAccepted} refused or failed, {r.Unsent} unsent");

    public static void Add(BenchContext context, IReadOnlyList<StackResult> results, Completeness completeness, DevStackProcess stack)
    {
        var table = context.Table;
        foreach (var r in results)
        {
            var load = r.Offered is { } rate
                ? string.Create(CultureInfo.InvariantCulture, $"{rate:N0} events/s offered (open loop, {r.Connections} connections)")
                : $"saturation (closed loop, {r.Connections} connections)";
            var keepUp = r.Offered == KeepUpRate;
            table.Add(new ResultRow(
                "Whole stack",
                $"{load}, {Format.Seconds(TimeSpan.FromSeconds(r.Window.Seconds))} measured: accepted/s · routed/s while the load ran · lag at its end · time to drain",
                Figures(r),
                "",
                Format.Percent(r.Window.RoutedPerSecond, r.Window.AcceptedPerSecond) + " routed ÷ accepted",
                keepUp ? "accepted ≥ 95% of offered, lag at the end < 1 s of load" : "",
                keepUp ? KeepsUp(r) : null,
                r.Window.Cores.ToString()));
            if (r.Latency is { } latency)
            {
                // None of the window's events may have been sent: the load fell so far behind that only earlier ones were.
                var isTarget = r.Offered == LatencyRate;
                table.Add(new ResultRow(
                    "Whole stack",
                    string.Create(CultureInfo.InvariantCulture, $"{load}: HTTP receipt → read from the typed topic, p50 / p99 / max ({Format.Count(latency.Count)} events)"),
                    LatencyText(r),
                    "",
                    "",
                    isTarget ? "p99 ≤ 50 ms" : "",
                    isTarget ? latency.P99 <= TargetP99Ms && latency.Count > 0 : null,
                    ""));
            }

            table.Add(new ResultRow(
                "Cost",
                $"{load}: CPU per event, ingress / worker / jcs (dev broker), process CPU over events in the window",
                Costs(r),
                context.CeilingCosts(),
                "",
                "",
                null,
                ""));
        }

        table.Add(new ResultRow(
            "Whole stack",
            "completeness of the open-loop loads: accepted (202) ids found exactly once on the typed topics",
            string.Create(CultureInfo.InvariantCulture, $"{completeness.Percent:F3}% ({Format.Count(completeness.FoundOnce)} of {Format.Count(completeness.Accepted)}; {completeness.Missing} missing, {completeness.Duplicated} duplicated, {completeness.DeadLettered} dead-lettered)"),
            "",
            "",
            "100%",
            completeness.IsComplete));
        table.Add(new ResultRow(
            "Memory",
            "peak RSS (VmHWM) through the whole-stack loads: ingress / worker / jcs (dev broker)",
            $"{Format.Megabytes(stack.Ingress.PeakRssBytes)} / {Format.Megabytes(stack.Worker.PeakRssBytes)} / {Format.Megabytes(stack.Jcs.PeakRssBytes)}"));
        table.Note($"Whole stack: `{DevStackProcess.Describe(context.DevArguments)}` from the CLI's build output, as `make run` starts it (its dev settings, topics and log level), events signed with the dev secret. Accepted = records added to the raw topic (one per 202), routed = records added to the typed and dead-letter topics, both from the topics' high watermarks at the window's start and end; lag = accepted but not yet routed; time to drain = from the load's end until everything accepted was routed. CPU per event = a process's CPU time in the window over the events it handled (the ingress and jcs: accepted; the worker: routed). The generator also reads every typed record (for latency and completeness), as a downstream consumer would.");
    }

    /// <summary>Accepts what is offered (all but 5%, every request answered 202) and routes it as fast (lag under one second's worth).</summary>
    public static bool KeepsUp(StackResult r) =>
        r.Offered is { } offered && r.Window.AcceptedPerSecond >= 0.95 * offered && r.NotAccepted == 0 && r.LagSeconds < 1 && r.DrainTime is not null;

    private static string Figures(StackResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Format.PerSecond(r.Window.AcceptedPerSecond)} · {Format.PerSecond(r.Window.RoutedPerSecond)} · {Format.Count(r.LagAtEnd)} events ({r.LagSeconds:F2} s) · {(r.DrainTime is { } d ? $"{d.TotalSeconds:F2} s" : "not drained in 60 s")}{(r.Unsent + r.NotAccepted > 0 ? $" ({Format.Count(r.Unsent)} unsent at the end, {Format.Count(r.NotAccepted)} refused or failed)" : "")}");

    private static string LatencyText(StackResult r) =>
        r.Latency is { Count: > 0 } latency ? latency.P50P99Max : "n/a (none of the window's events reached the typed topics)";

    private static string Costs(StackResult r) =>
        $"{CostPerEvent.Format(r.Window.IngressMicrosPerEvent)} / {CostPerEvent.Format(r.Window.WorkerMicrosPerEvent)} / {CostPerEvent.Format(r.Window.BrokerMicrosPerEvent)}";
}
