using System.Globalization;

namespace Jericommerce.Streams.LoadTests.Stack;

/// <summary>CPU microseconds per event: a process's CPU time over the events it handled in the same window.</summary>
internal static class CostPerEvent
{
    /// <summary><paramref name="cpuSeconds"/> over <paramref name="events"/>, in µs; NaN without events.</summary>
    public static double Micros(double cpuSeconds, long events) => events <= 0 ? double.NaN : cpuSeconds * 1e6 / events;

    /// <summary>Average <paramref name="cores"/> over a rate of <paramref name="perSecond"/> events, in µs per event.</summary>
    public static double MicrosAtRate(double cores, double perSecond) => perSecond <= 0 ? double.NaN : cores * 1e6 / perSecond;

    /// <summary>Whether <paramref name="micros"/> is at most two thirds of <paramref name="baselineMicros"/> (cut by a third).</summary>
    public static bool CutByAThird(double micros, double baselineMicros) => !double.IsNaN(micros) && micros <= baselineMicros * 2 / 3;

    /// <summary>
    /// The table row of a service's cost per event beside its ceiling's, against the target of cutting
    /// <paramref name="baselineMicros"/> (the <c>make bench</c> of 2026-12-06) by a third.
    /// </summary>
    public static ResultRow Row(string measure, double fullMicros, double ceilingMicros, double baselineMicros) => new(
        "Cost",
        measure,
        Format(fullMicros),
        Format(ceilingMicros),
        Report.Format.Percent(fullMicros, ceilingMicros),
        $"≤ ⅔ of {Format(baselineMicros)} (2026-12-06)",
        CutByAThird(fullMicros, baselineMicros));

    public static string Format(double micros) =>
        double.IsNaN(micros) ? "n/a" : micros.ToString(micros < 10 ? "F1" : "F0", CultureInfo.InvariantCulture) + " µs";
}
