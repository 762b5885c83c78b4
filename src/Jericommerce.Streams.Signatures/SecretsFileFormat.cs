using System.Globalization;

namespace Jericommerce.Streams.Signatures;

/// <summary>
/// Reads a secrets file (<c>Ingress:SecretsFile</c>, e.g. a mounted container secret; also <c>jcs --secrets-file</c>): one secret
/// per line, either <c>name=secret</c> or a bare secret, named <c>file:LINE</c> (1-based). Blank
/// lines and lines starting with <c>#</c> are skipped; whitespace around a line is ignored. A line
/// is <c>name=secret</c> when the text before its first <c>=</c> is a name (letters, digits,
/// <c>_ . -</c>, at most 64) and the text after it is more than <c>=</c> padding, so a bare base64
/// secret ending in <c>=</c> stays whole; a bare secret with another <c>=</c> must be given a name.
/// </summary>
public static class SecretsFileFormat
{
    private const int MaxNameLength = 64;

    /// <summary>Parses the lines into (name, secret) pairs, in file order.</summary>
    public static IReadOnlyList<(string Name, string Secret)> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var result = new List<(string Name, string Secret)>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // After trimming, text after the first '=' that is more than padding is never blank.
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            result.Add(equals > 0 && IsName(line.AsSpan(0, equals)) && line.AsSpan(equals + 1).ContainsAnyExcept('=')
                ? (line[..equals].Trim(), line[(equals + 1)..].Trim())
                : ($"file:{number.ToString(CultureInfo.InvariantCulture)}", line));
        }

        return result;
    }

    private static bool IsName(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty || text.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
