namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>How a subject's schema id was found.</summary>
public enum SchemaResolution
{
    /// <summary>The local schema was registered (or found already registered, identical) under the subject.</summary>
    Registered,

    /// <summary>The subject's latest version is the local schema (same JSON).</summary>
    LatestIdentical,

    /// <summary>The subject's latest version differs from the local schema, and the registry finds the local one compatible with it.</summary>
    LatestCompatible,
}
