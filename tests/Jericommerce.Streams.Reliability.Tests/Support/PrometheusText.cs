using System.Globalization;

namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>Reads samples out of a Prometheus text scrape (what a service's <c>/metrics</c> answers).</summary>
internal static class PrometheusText
{
    /// <summary>The sum of every sample of <paramref name="metric"/> (any labels), or null when the scrape has none.</summary>
    public static double? Sum(string scrape, string metric) => Sum(scrape, metric, "");

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels contain <paramref name="label"/> (e.g. <c>gc_heap_generation="gen2"</c>).</summary>
    public static double? Sum(string scrape, string metric, string label)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        ArgumentNullException.ThrowIfNull(metric);
        double? total = null;
        foreach (var line in scrape.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' ')
                || !line.Contains(label, StringComparison.Ordinal))
            {
                continue;
            }

            var value = line.TrimEnd()[(line.TrimEnd().LastIndexOf(' ') + 1)..];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var sample))
            {
                total = (total ?? 0) + sample;
            }
        }

        return total;
    }
}
