namespace Jericommerce.Streams.Schemas.Compiled;

/// <summary>
/// The <c>date-time</c> shape senders write (<c>2025-01-31T09:15:00Z</c>, <c>...T09:15:00.123+01:00</c>), accepted
/// straight from the JSON bytes. JsonSchema.Net's own check allocates a regex match and a dozen strings per value, and
/// was a quarter of everything the worker allocated per event. Only a subset of what JsonSchema.Net accepts passes
/// here: anything else (lower-case <c>t</c>/<c>z</c>, a space or <c>_</c> separator, a leap second, an escape other
/// than System.Text.Json's <c>\u002B</c> for the offset's plus sign, year 0000, a trailing newline) is a "not sure"
/// that goes to JsonSchema.Net, which keeps the last word.
/// </summary>
internal static class PlainDateTime
{
    // "YYYY-MM-DDTHH:MM:SS" then ".digits" (optional), then "Z" or an offset, between the quotes.
    private const int MinLength = 22;

    /// <summary>True only when <paramref name="rawString"/> (a JSON string token, quotes included) is a date-time JsonSchema.Net accepts.</summary>
    public static bool IsValid(ReadOnlySpan<byte> rawString)
    {
        if (rawString.Length < MinLength || rawString[0] != '"' || rawString[^1] != '"')
        {
            return false;
        }

        var s = rawString[1..^1];
        if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
            || !TryDigits(s.Slice(11, 2), out var hour) || !TryDigits(s.Slice(14, 2), out var minute) || !TryDigits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        // DateTime.DaysInMonth throws outside 1..9999, and so does JsonSchema.Net on year 0000: leave that to the caller.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        if (i < s.Length && s[i] == '.')
        {
            var digits = ++i;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }

            if (i == digits)
            {
                return false;
            }
        }

        if (i == s.Length - 1)
        {
            return s[i] == 'Z';
        }

        // "+HH:MM" / "-HH:MM", or "\u002BHH:MM": System.Text.Json's default encoder escapes '+', so that is how a .NET
        // sender writes every offset east of UTC.
        var offset = s[i..];
        ReadOnlySpan<byte> clock;
        if (offset.Length == 6 && offset[0] is (byte)'+' or (byte)'-')
        {
            clock = offset[1..];
        }
        else if (offset.Length == 11 && (offset.StartsWith(@"\u002B"u8) || offset.StartsWith(@"\u002b"u8)))
        {
            clock = offset[6..];
        }
        else
        {
            return false;
        }

        return clock[2] == ':' && TryDigits(clock[..2], out var offsetHour) && TryDigits(clock[3..], out var offsetMinute)
            && offsetHour <= 23 && offsetMinute <= 59;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
