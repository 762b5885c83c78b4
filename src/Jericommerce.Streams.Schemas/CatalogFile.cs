namespace Jericommerce.Streams.Schemas;

/// <summary>The shape of <c>catalog.json</c>.</summary>
internal sealed class CatalogFile
{
    public string? Description { get; init; }

    public IReadOnlyList<string> SharedSchemas { get; init; } = [];

    public required IReadOnlyList<CatalogEntry> EventTypes { get; init; }
}
