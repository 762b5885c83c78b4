namespace Jericommerce.Streams.Schemas;

/// <summary>The <c>envelope</c> entry of <c>catalog.json</c>: the shared schema every event, of any type, must pass.</summary>
internal sealed class CatalogEnvelope
{
    /// <summary>A file listed under <c>sharedSchemas</c>.</summary>
    public required string Schema { get; init; }

    public required int SchemaVersion { get; init; }
}
