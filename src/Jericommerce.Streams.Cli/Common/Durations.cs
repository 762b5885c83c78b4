using System.Globalization;

namespace Jericommerce.Streams.Cli.Common;

/// <summary>Durations and points in time as people type them: <c>500ms</c>, <c>30s</c>, <c>15m</c>, <c>2h</c>, <c>7d</c>.</summary>
internal static class Durations
{
    /// <summary>Parses <c>&lt;number&gt;&lt;ms|s|m|h|d|w&gt;</c> or a .NET time span (<c>1.02:00:00</c>).</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var split = text.Length;
        while (split > 0 && char.IsLetter(text[split - 1]))
        {
            split--;
        }

        var unit = text[split..].ToUpperInvariant();
        if (unit.Length > 0 && double.TryParse(text.AsSpan(0, split), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0)
        {
            TimeSpan? parsed = unit switch
            {
                "MS" => TimeSpan.FromMilliseconds(number),
                "S" => TimeSpan.FromSeconds(number),
                "M" => TimeSpan.FromMinutes(number),
                "H" => TimeSpan.FromHours(number),
                "D" => TimeSpan.FromDays(number),
                "W" => TimeSpan.FromDays(number * 7),
                _ => null,
            };
            value = parsed ?? default;
            return parsed is not null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
    }

    public static TimeSpan Parse(string? text, string optionName) =>
        TryParse(text, out var value)
            ? value
            : throw CliException.Usage($"{optionName} '{text}' is not a duration (e.g. 500ms, 30s, 15m, 2h, 7d)");

    /// <summary>
    /// A point in time: an ISO-8601 date-time (UTC unless it says otherwise), or a duration meaning that long
    /// before <paramref name="now"/> (<c>--since 2h</c>).
    /// </summary>
    public static DateTimeOffset ParsePointInTime(string text, string optionName, DateTimeOffset now)
    {
        if (TryParse(text, out var ago))
        {
            return now - ago;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw CliException.Usage($"{optionName} '{text}' is neither a date-time (2025-06-01T12:00:00Z) nor a duration ago (30m, 2h, 7d)");
    }

    /// <summary>The largest whole unit: <c>7d</c>, <c>36h</c>, <c>90s</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        return ms switch
        {
            0 => "0s",
            _ when ms % 86_400_000 == 0 => $"{ms / 86_400_000}d",
            _ when ms % 3_600_000 == 0 => $"{ms / 3_600_000}h",
            _ when ms % 60_000 == 0 => $"{ms / 60_000}m",
            _ when ms % 1_000 == 0 => $"{ms / 1_000}s",
            _ => $"{ms}ms",
        };
    }
}
