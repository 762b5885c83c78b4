namespace Jericommerce.Streams.Schemas;

/// <summary>The shape of <c>catalog.json</c>.</summary>
internal sealed class CatalogFile
{
    public string? Description { get; init; }

    public IReadOnlyList<string> SharedSchemas { get; init; } = [];

    /// <summary>The schema an event of a type outside the catalog is checked against; null when none is declared.</summary>
    public CatalogEnvelope? Envelope { get; init; }

    public required IReadOnlyList<CatalogEntry> EventTypes { get; init; }
}
