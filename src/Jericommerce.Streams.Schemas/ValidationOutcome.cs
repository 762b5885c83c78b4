namespace Jericommerce.Streams.Schemas;

/// <summary>How a payload fared; the worker maps the two failures to different dead-letter kinds.</summary>
public enum ValidationOutcome
{
    /// <summary>The payload is a JSON object that satisfies the event type's schema.</summary>
    Valid,

    /// <summary>
    /// The payload is not a JSON object: not UTF-8, not JSON, nested deeper than the limit,
    /// a duplicate property name, or a value that is not JSON at all (an array, a string...).
    /// </summary>
    InvalidJson,

    /// <summary>The payload is a JSON object but breaks the event type's schema.</summary>
    SchemaViolation,
}
