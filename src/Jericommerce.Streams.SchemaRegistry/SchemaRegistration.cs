namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>The registered schema a typed topic's records name.</summary>
/// <param name="Subject">E.g. <c>jericommerce.wallet-click.v1-value</c>.</param>
/// <param name="SchemaId">The registry-wide id written after the magic byte.</param>
/// <param name="Version">The version under the subject; 0 when the registry did not say.</param>
/// <param name="Resolution">How it was found.</param>
public sealed record SchemaRegistration(string Subject, int SchemaId, int Version, SchemaResolution Resolution);
