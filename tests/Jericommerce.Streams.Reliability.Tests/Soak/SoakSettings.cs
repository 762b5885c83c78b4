using System.Globalization;

namespace Jericommerce.Streams.Reliability.Tests.Soak;

/// <summary>
/// What <c>make soak</c> asks for: <c>JCS_SOAK_DURATION</c> (<c>30m</c>, <c>90s</c>, <c>2h</c> or a TimeSpan; 30
/// minutes by default), <c>JCS_SOAK_RATE</c> (events a second, 50 by default) and <c>JCS_SOAK_OUTPUT</c> (the
/// folder the table and plots go to; the repository's <c>docs/</c> by default).
/// </summary>
internal sealed record SoakSettings(TimeSpan Duration, double PerSecond, string OutputDirectory)
{
    /// <summary>What one raw record takes in the dev broker, headers and batch overhead included, with room to spare.</summary>
    private const double RawRecordBytes = 1500;

    /// <summary>
    /// Every raw partition keeps the dev broker's ~5 MiB: enough of them for the whole run's events. (At 600 bytes a
    /// record, the first 30-minute soak overflowed them, and the accounting rightly refused to vouch for the run.)
    /// </summary>
    public int RawPartitions => Math.Clamp((int)Math.Ceiling(Duration.TotalSeconds * PerSecond * RawRecordBytes / (4.0 * 1024 * 1024)), 8, 64);

    /// <summary>About 60 samples in a short run, one every 5 seconds in a long one.</summary>
    public TimeSpan SampleEvery => Duration < TimeSpan.FromMinutes(5) ? Duration / 60 : TimeSpan.FromSeconds(5);

    public static SoakSettings FromEnvironment() => new(
        ParseDuration(Environment.GetEnvironmentVariable("JCS_SOAK_DURATION")) ?? TimeSpan.FromMinutes(30),
        double.TryParse(Environment.GetEnvironmentVariable("JCS_SOAK_RATE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 ? rate : 50,
        Environment.GetEnvironmentVariable("JCS_SOAK_OUTPUT") is { Length: > 0 } output ? Path.GetFullPath(output) : Repository.PathOf("docs"));

    public static TimeSpan? ParseDuration(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new ArgumentException($"JCS_SOAK_DURATION '{text}' is not a duration (30m, 90s, 2h or hh:mm:ss).");
    }
}
