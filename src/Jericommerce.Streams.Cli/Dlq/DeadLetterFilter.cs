using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Dlq;

/// <summary>Which dead letters a <c>dlq list</c> or <c>dlq replay</c> is about; empty parts match everything.</summary>
internal sealed record DeadLetterFilter
{
    public IReadOnlySet<string> Kinds { get; init; } = new HashSet<string>();

    /// <summary>Event types as normalised header names (see <see cref="HeaderNameNormalizer"/>); <c>""</c> matches events without one.</summary>
    public IReadOnlySet<string> Types { get; init; } = new HashSet<string>();

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public int? Partition { get; init; }

    public long? FromOffset { get; init; }

    public long? ToOffset { get; init; }

    /// <summary>True when nothing narrows the selection: replaying it needs <c>--all</c>.</summary>
    public bool SelectsEverything =>
        Kinds.Count == 0 && Types.Count == 0 && Since is null && Until is null && Partition is null && FromOffset is null && ToOffset is null;

    public bool Matches(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return (Kinds.Count == 0 || Kinds.Contains(letter.Kind))
            && (Types.Count == 0 || Types.Contains(letter.EventType is null ? "" : HeaderNameNormalizer.Normalize(letter.EventType)))
            && (Since is null || letter.FailedAt >= Since)
            && (Until is null || letter.FailedAt < Until)
            && (Partition is null || letter.Partition == Partition)
            && (FromOffset is null || letter.Offset >= FromOffset)
            && (ToOffset is null || letter.Offset <= ToOffset);
    }
}
