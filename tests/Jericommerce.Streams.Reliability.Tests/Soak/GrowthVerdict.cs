using System.Globalization;

namespace Jericommerce.Streams.Reliability.Tests.Soak;

/// <summary>What <see cref="GrowthRule.Judge"/> found: the two medians, the allowed limit, and whether the series levels off.</summary>
internal sealed record GrowthVerdict(GrowthRule Rule, double Early, double Late, double Limit, int Samples, bool Levels)
{
    public bool TooShort => Samples < GrowthRule.MinimumSamples;

    public override string ToString() => TooShort
        ? string.Create(CultureInfo.InvariantCulture, $"{Rule.Metric}: only {Samples} samples after the warm-up, fewer than {GrowthRule.MinimumSamples}: too short to judge")
        : string.Create(CultureInfo.InvariantCulture, $"{Rule.Metric}: {Early:0.##} → {Late:0.##} (limit {Limit:0.##}): {(Levels ? "levels off" : "GROWS")}");
}
