namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>Why the registry refused, for good, what was asked about a subject.</summary>
public enum SchemaRegistrationFailure
{
    /// <summary>The subject has no registered version.</summary>
    NotRegistered,

    /// <summary>The local schema is incompatible with the registered one (by the subject's compatibility level).</summary>
    Incompatible,

    /// <summary>401 or 403: wrong or missing credentials, or no permission on the subject.</summary>
    Unauthorized,

    /// <summary>Any other refusal (invalid schema, bad request...).</summary>
    Rejected,
}
