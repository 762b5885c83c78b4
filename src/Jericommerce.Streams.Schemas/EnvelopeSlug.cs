namespace Jericommerce.Streams.Schemas;

/// <summary>
/// The slug of an event type outside the catalog, made from its <c>x-jericommerce-event-type</c> value the way the
/// catalog matches names (<see cref="HeaderNameNormalizer"/>: <c>Balance changed</c> becomes <c>balance-changed</c>),
/// so that the type keeps its slug, and its topic, once a schema for it is added under that name.
/// </summary>
/// <remarks>
/// The slug becomes part of a Kafka topic name chosen by the sender, so it is refused rather than repaired when it
/// has anything but ASCII letters, digits and separators: a name that had to be rewritten to fit could collide with
/// another, and a path-like or dotted one could pass for a topic of the pipeline's own.
/// </remarks>
public static class EnvelopeSlug
{
    /// <summary>Longest slug: room for a prefix and a version within Kafka's 249-character topic names, and still readable.</summary>
    public const int MaxLength = 64;

    /// <summary>The slug of <paramref name="headerValue"/>; false when it makes none (see <see cref="Describe"/>).</summary>
    public static bool TryCreate(ReadOnlySpan<char> headerValue, Span<char> destination, out int length)
    {
        length = 0;

        // Separators collapse, so a long value can still make a short slug; beyond this it cannot.
        if (headerValue.Length > MaxLength * 4 || destination.Length < headerValue.Length)
        {
            return false;
        }

        var written = HeaderNameNormalizer.Normalize(headerValue, destination);
        if (written is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in destination[..written])
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        length = written;
        return true;
    }

    /// <summary>The slug of <paramref name="headerValue"/>, or null when it makes none.</summary>
    public static string? Create(string? headerValue)
    {
        if (headerValue is null || headerValue.Length > MaxLength * 4)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[MaxLength * 4];
        return TryCreate(headerValue, buffer, out var length) ? new string(buffer[..length]) : null;
    }

    /// <summary>Why a header makes no slug, for the dead-letter detail.</summary>
    public static readonly string Describe = $"it must have at least one ASCII letter or digit, and nothing but ASCII letters, digits, spaces, '_' and '-', within {MaxLength} characters once normalised";
}
