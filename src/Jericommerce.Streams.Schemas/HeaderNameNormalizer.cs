namespace Jericommerce.Streams.Schemas;

/// <summary>
/// Canonical form of an <c>x-jericommerce-event-type</c> value. The two versions of the source spell names
/// differently ("Wallet Pass Requested" vs "Wallet pass requested"), so matching ignores case and treats any
/// run of spaces, whitespace, <c>_</c> and <c>-</c> as one <c>-</c>; leading and trailing ones are dropped.
/// "WALLET  PASS--requested" becomes <c>wallet-pass-requested</c>.
/// </summary>
public static class HeaderNameNormalizer
{
    /// <summary>The canonical form of <paramref name="headerValue"/> (empty when it has no name characters).</summary>
    public static string Normalize(string headerValue)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        Span<char> buffer = headerValue.Length <= 256 ? stackalloc char[headerValue.Length] : new char[headerValue.Length];
        var length = Normalize(headerValue, buffer);
        return new string(buffer[..length]);
    }

    /// <summary>
    /// Writes the canonical form of <paramref name="source"/> to <paramref name="destination"/>, which must be at
    /// least as long as the source (normalising never lengthens), and returns the number of characters written.
    /// </summary>
    internal static int Normalize(ReadOnlySpan<char> source, Span<char> destination)
    {
        var written = 0;
        var pendingSeparator = false;
        foreach (var c in source)
        {
            if (IsSeparator(c))
            {
                // A separator is only written once a name character follows it: that collapses runs and trims both ends.
                pendingSeparator = written > 0;
                continue;
            }

            if (pendingSeparator)
            {
                destination[written++] = '-';
                pendingSeparator = false;
            }

            destination[written++] = char.ToLowerInvariant(c);
        }

        return written;
    }

    private static bool IsSeparator(char c) => c is '-' or '_' || char.IsWhiteSpace(c);
}
