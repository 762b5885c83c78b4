using Jericommerce.Streams.Reliability.Tests.Soak;

namespace Jericommerce.Streams.Reliability.Tests.Harness;

/// <summary>The soak's rule for growth that does not level off.</summary>
public sealed class GrowthRuleTests
{
    private static readonly TimeSpan Run = TimeSpan.FromMinutes(30);

    [Fact]
    public void Judge_ASeriesThatRisesThenFlattens_LevelsOff()
    {
        // Warm-up to 180 MB over the first minutes, then flat with noise.
        var series = Series(t => 180 * (1 - Math.Exp(-t / 3)) + Noise(t, 4));

        Assert.True(GrowthRule.Rss.Judge(series, Run).Levels, GrowthRule.Rss.Judge(series, Run).ToString());
    }

    [Fact]
    public void Judge_ALeakOfTwoMegabytesAMinute_Grows()
    {
        var series = Series(t => 150 + (2 * t) + Noise(t, 4));

        var verdict = GrowthRule.Rss.Judge(series, Run);
        Assert.False(verdict.Levels, verdict.ToString());
        Assert.Contains("GROWS", verdict.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_BoundedGrowthWithinTheAllowance_LevelsOff_ButTheSameGrowthDoubled_DoesNot()
    {
        // 150 MB plus a structure that grows by 20 MB over the run (a dedup window filling): allowed.
        Assert.True(GrowthRule.Rss.Judge(Series(t => 150 + (20 * t / 30)), Run).Levels);
        Assert.False(GrowthRule.Rss.Judge(Series(t => 150 + (80 * t / 30)), Run).Levels);
    }

    [Fact]
    public void Judge_ThreadsThatKeepBeingAdded_Grow()
    {
        Assert.False(GrowthRule.Threads.Judge(Series(t => 30 + Math.Floor(t)), Run).Levels);
        Assert.True(GrowthRule.Threads.Judge(Series(t => 30 + (t % 3)), Run).Levels);
    }

    [Fact]
    public void Judge_TooFewSamplesAfterTheWarmUp_GivesNoPassingVerdict()
    {
        var verdict = GrowthRule.Rss.Judge([(TimeSpan.FromMinutes(10), 100), (TimeSpan.FromMinutes(20), 100)], Run);

        Assert.True(verdict.TooShort);
        Assert.False(verdict.Levels);
    }

    /// <summary>One sample every 5 seconds over the run; <paramref name="value"/> takes minutes into the run.</summary>
    private static List<(TimeSpan At, double Value)> Series(Func<double, double> value) =>
        [.. Enumerable.Range(0, (int)(Run.TotalSeconds / 5)).Select(i => (TimeSpan.FromSeconds(i * 5), value(i * 5 / 60.0)))];

    private static double Noise(double t, double amplitude) => amplitude * Math.Sin(t * 7.3);
}
