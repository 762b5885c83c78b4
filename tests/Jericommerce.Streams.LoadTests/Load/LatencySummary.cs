using System.Globalization;

namespace Jericommerce.Streams.LoadTests.Load;

/// <summary>Latency percentiles in milliseconds over <see cref="Count"/> samples.</summary>
internal readonly record struct LatencySummary(int Count, double P50, double P99, double P999, double Max)
{
    public string P50P99P999 => string.Create(CultureInfo.InvariantCulture, $"{P50:F2} / {P99:F2} / {P999:F2} ms");

    public string P50P99Max => string.Create(CultureInfo.InvariantCulture, $"{P50:F1} / {P99:F1} / {Max:F1} ms");
}
