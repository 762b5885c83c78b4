using System.Globalization;
using System.Text;
using Jericommerce.Streams.Reliability.Tests.Accounting;
using Jericommerce.Streams.Reliability.Tests.Sending;

namespace Jericommerce.Streams.Reliability.Tests.Soak;

/// <summary>
/// Writes a soak's results into <c>soak.md</c> (between its <c>soak-results</c> markers; the page's method text
/// around them stays as written) and its plots beside it.
/// </summary>
internal static class SoakReport
{
    private const string Start = "<!-- soak-results:start -->";
    private const string End = "<!-- soak-results:end -->";

    public static void Write(
        SoakSettings settings, IReadOnlyList<SoakSample> samples, IReadOnlyList<(string Service, GrowthVerdict Verdict)> verdicts, EventAccount account, SenderStats stats, TimeSpan? drain)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(account);
        Directory.CreateDirectory(settings.OutputDirectory);
        File.WriteAllText(Path.Combine(settings.OutputDirectory, "soak-memory.svg"), SoakPlot.Memory(samples));
        File.WriteAllText(Path.Combine(settings.OutputDirectory, "soak-cpu-threads.svg"), SoakPlot.CpuAndThreads(samples));

        var page = Path.Combine(settings.OutputDirectory, "soak.md");
        var text = File.Exists(page) ? File.ReadAllText(page) : $"# Soak\n\n{Start}\n{End}\n";
        var from = text.IndexOf(Start, StringComparison.Ordinal);
        var to = text.IndexOf(End, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            throw new InvalidOperationException($"{page} has no {Start} ... {End} block to write the results into.");
        }

        File.WriteAllText(page, text[..from] + Start + "\n" + Table(settings, samples, verdicts, account, stats, drain) + text[to..]);
    }

    private static string Table(
        SoakSettings settings, IReadOnlyList<SoakSample> samples, IReadOnlyList<(string Service, GrowthVerdict Verdict)> verdicts, EventAccount account, SenderStats stats, TimeSpan? drain)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(string.Create(inv, $"`make soak` of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {settings.Duration.TotalMinutes:0.#} minutes at {settings.PerSecond:0.#} events/s, a sample every {settings.SampleEvery.TotalSeconds:0.#} s ({samples.Count} samples), {Environment.ProcessorCount} cores."));
        text.AppendLine();
        text.AppendLine("| Service | Series | First quarter after warm-up (median) | Last quarter (median) | Allowed | Peak | Verdict |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var (service, verdict) in verdicts)
        {
            var peak = Peak(samples, service, verdict.Rule);
            text.AppendLine(string.Create(inv, $"| {service} | {verdict.Rule.Metric} ({(verdict.Rule.Unit.Length > 0 ? verdict.Rule.Unit : "count")}) | {verdict.Early:0.##} | {verdict.Late:0.##} | {verdict.Limit:0.##} | {peak:0.##} | {(verdict.TooShort ? "too short" : verdict.Levels ? "levels off" : "**grows**")} |"));
        }

        var gen2 = SoakJudgement.Services.Select(s => string.Create(inv, $"{s.Name} {s.Pick(samples[^1]).Gen2Collections - s.Pick(samples[0]).Gen2Collections:0}"));
        text.AppendLine();
        text.AppendLine(string.Create(inv, $"- Events: {account.Sent:N0} requests sent ({account.RawExtraOtherRequest:N0} re-deliveries of an event already sent), {account.Accepted:N0} answered 2xx, {account.LandedTyped:N0} on typed topics, {account.LandedDeadLetter:N0} dead-lettered, **{account.Lost.Count} lost**, {account.TypedExtra} typed duplicates; sender: {stats}."));
        text.AppendLine(string.Create(inv, $"- Lag: at most {samples.Max(s => s.Lag ?? 0):N0} records during the load; back to 0 {(drain is { } d ? $"{d.TotalSeconds:0.0} s" : "**never**")} after the load's last 2xx."));
        text.AppendLine(string.Create(inv, $"- Gen 2 collections during the load: {string.Join(", ", gen2)}."));
        text.AppendLine();
        text.AppendLine("![Memory and lag over the soak](soak-memory.svg)");
        text.AppendLine();
        text.AppendLine("![CPU and threads over the soak](soak-cpu-threads.svg)");
        return text.ToString();
    }

    private static double Peak(IReadOnlyList<SoakSample> samples, string service, GrowthRule rule)
    {
        var pick = SoakJudgement.Services.Single(s => s.Name == service).Pick;
        IEnumerable<double> values = rule == GrowthRule.Rss ? samples.Select(s => pick(s).RssMiB)
            : rule == GrowthRule.GcHeap ? samples.Select(s => pick(s).GcHeapMiB)
            : rule == GrowthRule.Threads ? samples.Select(s => (double)pick(s).Threads)
            : SoakJudgement.CpuCores(samples, pick).Select(p => p.Value);
        var list = values.Where(v => !double.IsNaN(v)).ToList();
        return list.Count == 0 ? double.NaN : list.Max();
    }
}
