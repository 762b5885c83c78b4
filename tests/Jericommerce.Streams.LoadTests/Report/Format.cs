using System.Globalization;

namespace Jericommerce.Streams.LoadTests.Report;

/// <summary>How figures are written in the table.</summary>
internal static class Format
{
    public static string PerSecond(double value) => value.ToString("N0", CultureInfo.InvariantCulture) + "/s";

    public static string Percent(double part, double whole) =>
        whole <= 0 ? "" : (100 * part / whole).ToString("F0", CultureInfo.InvariantCulture) + "%";

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture) + " MB";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A duration in nanoseconds, as ns or µs.</summary>
    public static string Nanoseconds(double ns) => ns < 1_000
        ? ns.ToString("F0", CultureInfo.InvariantCulture) + " ns"
        : (ns / 1_000).ToString(ns < 10_000 ? "F2" : "F1", CultureInfo.InvariantCulture) + " µs";

    public static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " B";

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) + " s";
}
