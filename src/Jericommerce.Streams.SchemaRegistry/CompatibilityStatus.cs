namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>How a local schema stands against its subject's latest registered version.</summary>
public enum CompatibilityStatus
{
    /// <summary>No version yet: registering would create version 1.</summary>
    NotRegistered,

    /// <summary>The latest version is the local schema: nothing to register.</summary>
    Unchanged,

    /// <summary>Different, and the registry would accept it as the next version.</summary>
    Compatible,

    /// <summary>Different, and the registry would refuse it under the subject's compatibility level.</summary>
    Incompatible,
}
