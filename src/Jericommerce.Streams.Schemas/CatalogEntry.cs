namespace Jericommerce.Streams.Schemas;

/// <summary>One event type as written in <c>catalog.json</c>.</summary>
internal sealed class CatalogEntry
{
    public required string Slug { get; init; }

    public required IReadOnlyList<string> HeaderNames { get; init; }

    public required string Schema { get; init; }

    public required int SchemaVersion { get; init; }

    public required string TopicSuffix { get; init; }
}
