namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>The outcome of checking one typed topic's local schema against its subject, before deploying it.</summary>
/// <param name="Subject">The subject checked.</param>
/// <param name="Status">How the local schema stands.</param>
/// <param name="LatestVersion">The subject's latest version, when there is one.</param>
/// <param name="LatestSchemaId">Its schema id, when there is one.</param>
public sealed record CompatibilityReport(string Subject, CompatibilityStatus Status, int? LatestVersion, int? LatestSchemaId)
{
    /// <summary>Deploying the local schema is safe: registering it would succeed (or is not needed).</summary>
    public bool IsDeployable => Status != CompatibilityStatus.Incompatible;
}
