using Confluent.Kafka;

namespace Jericommerce.Streams.Worker.Routing;

/// <summary>Where one raw record goes, and the record to write there.</summary>
internal sealed record RouteDecision(RouteKind Kind, string? Topic, Message<byte[]?, byte[]?>? Output, string Label)
{
    /// <summary>Type slug for typed and duplicate records, error kind for dead letters: a bounded metric label.</summary>
    public string Label { get; } = Label;

    /// <summary>For typed records, the contract they were checked against (<c>full</c> or <c>envelope</c>); else null.</summary>
    public string? Contract { get; init; }

    public static RouteDecision Duplicate(string slug) => new(RouteKind.Duplicate, null, null, slug);
}
