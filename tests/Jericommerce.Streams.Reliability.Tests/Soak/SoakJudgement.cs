namespace Jericommerce.Streams.Reliability.Tests.Soak;

/// <summary>Every <see cref="GrowthRule"/> applied to both services' series of a soak.</summary>
internal static class SoakJudgement
{
    public static IReadOnlyList<(string Service, GrowthVerdict Verdict)> Judge(IReadOnlyList<SoakSample> samples, TimeSpan runLength)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var verdicts = new List<(string, GrowthVerdict)>();
        foreach (var (service, pick) in Services)
        {
            verdicts.Add((service, GrowthRule.Rss.Judge(Series(samples, s => pick(s).RssMiB), runLength)));
            verdicts.Add((service, GrowthRule.GcHeap.Judge(Series(samples, s => pick(s).GcHeapMiB), runLength)));
            verdicts.Add((service, GrowthRule.Threads.Judge(Series(samples, s => pick(s).Threads), runLength)));
            verdicts.Add((service, GrowthRule.Cpu.Judge(CpuCores(samples, pick), runLength)));
        }

        return verdicts;
    }

    public static IReadOnlyList<(string Name, Func<SoakSample, ServiceSample> Pick)> Services { get; } =
        [("ingress", s => s.Ingress), ("worker", s => s.Worker)];

    /// <summary>CPU in cores over each interval between two samples, placed at the interval's end.</summary>
    public static List<(TimeSpan At, double Value)> CpuCores(IReadOnlyList<SoakSample> samples, Func<SoakSample, ServiceSample> pick)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(pick);
        return [.. samples.Zip(samples.Skip(1), (a, b) => (b.At, (pick(b).CpuSeconds - pick(a).CpuSeconds) / (b.At - a.At).TotalSeconds))];
    }

    private static List<(TimeSpan At, double Value)> Series(IReadOnlyList<SoakSample> samples, Func<SoakSample, double> value) =>
        [.. samples.Select(s => (s.At, value(s))).Where(s => !double.IsNaN(s.Item2))];
}
