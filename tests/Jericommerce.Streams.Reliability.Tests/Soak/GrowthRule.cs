namespace Jericommerce.Streams.Reliability.Tests.Soak;

/// <summary>
/// When a soak's series counts as growing without levelling off. The first <see cref="WarmUp"/> of the run is
/// left out (JIT, pools, caches and the dedup windows fill then); of the samples after it, the median of the
/// last quarter may exceed the median of the first quarter by at most <see cref="Relative"/> plus
/// <see cref="Absolute"/>. State bounded by design (the dedup windows grow until their cap or their age limit)
/// fits in that allowance; a leak, which grows for as long as the service runs, does not.
/// </summary>
internal sealed record GrowthRule(string Metric, string Unit, double Relative, double Absolute)
{
    public const double WarmUp = 0.2;

    /// <summary>The fewest samples after the warm-up that a verdict is given on.</summary>
    public const int MinimumSamples = 8;

    public static readonly GrowthRule Rss = new("RSS", "MiB", 0.05, 8);
    public static readonly GrowthRule GcHeap = new("GC heap after collection", "MiB", 0.10, 8);
    public static readonly GrowthRule Threads = new("threads", "", 0.25, 4);
    public static readonly GrowthRule Cpu = new("CPU", "cores", 0.50, 0.05);

    public static IReadOnlyList<GrowthRule> All { get; } = [Rss, GcHeap, Threads, Cpu];

    public string Statement => FormattableString.Invariant(
        $"{Metric}: last-quarter median ≤ first-quarter median × {1 + Relative:0.##} + {Absolute:0.##}{(Unit.Length > 0 ? " " + Unit : "")}");

    /// <summary>Judges one series of (time into the run, value) samples of a run of <paramref name="runLength"/>.</summary>
    public GrowthVerdict Judge(IReadOnlyList<(TimeSpan At, double Value)> series, TimeSpan runLength)
    {
        ArgumentNullException.ThrowIfNull(series);
        var settled = series.Where(s => s.At >= runLength * WarmUp).OrderBy(s => s.At).Select(s => s.Value).ToList();
        if (settled.Count < MinimumSamples)
        {
            return new GrowthVerdict(this, double.NaN, double.NaN, double.NaN, settled.Count, Levels: false);
        }

        var quarter = settled.Count / 4;
        var early = Median(settled.Take(quarter));
        var late = Median(settled.Skip(settled.Count - quarter));
        var limit = (early * (1 + Relative)) + Absolute;
        return new GrowthVerdict(this, early, late, limit, settled.Count, late <= limit);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
