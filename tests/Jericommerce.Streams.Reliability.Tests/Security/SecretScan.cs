using System.Text;
using Confluent.Kafka;

namespace Jericommerce.Streams.Reliability.Tests.Security;

/// <summary>
/// Searches captured text for a secret in every form it could leak in: as is, base64 (padded,
/// unpadded, url-safe) and hex (either case) of its UTF-8 bytes.
/// </summary>
internal static class SecretScan
{
    public static IReadOnlyList<string> Forms(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        var base64 = Convert.ToBase64String(bytes);
        return [.. new[]
        {
            secret,
            base64,
            base64.TrimEnd('='),
            base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            Convert.ToHexStringLower(bytes),
            Convert.ToHexString(bytes),
        }.Distinct()];
    }

    /// <summary>Every place, by name, where a form of <paramref name="secret"/> appears; empty when none.</summary>
    public static IReadOnlyList<string> FindLeaks(string secret, IEnumerable<(string Where, string Text)> haystacks)
    {
        ArgumentNullException.ThrowIfNull(haystacks);
        var forms = Forms(secret);
        return [.. haystacks.SelectMany(h => forms.Where(f => h.Text.Contains(f, StringComparison.OrdinalIgnoreCase)).Select(f => $"{h.Where} contains '{f}'"))];
    }

    /// <summary>Every header key and value of these records, as text.</summary>
    public static string HeaderText(IEnumerable<Headers> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var text = new StringBuilder();
        foreach (var header in headers.SelectMany(h => h))
        {
            var value = header.GetValueBytes();
            text.Append(header.Key).Append('=').AppendLine(value is null ? "" : Encoding.UTF8.GetString(value));
        }

        return text.ToString();
    }
}
