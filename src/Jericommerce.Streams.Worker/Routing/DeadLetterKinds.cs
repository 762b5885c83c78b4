namespace Jericommerce.Streams.Worker.Routing;

/// <summary>The values of the <c>jc-error-kind</c> header on the dead-letter topic.</summary>
public static class DeadLetterKinds
{
    /// <summary>The raw record has no event-type header.</summary>
    public const string MissingEventType = "missing-event-type";

    /// <summary>
    /// The event-type header names no type in the schema catalog, and the event cannot be routed on its envelope:
    /// envelope routing is off, the header makes no usable or only a reserved topic name, or the cap on such types is reached.
    /// </summary>
    public const string UnknownEventType = "unknown-event-type";

    /// <summary>The body is not a JSON object (or nests too deep).</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>The body breaks its type's schema; the detail lists JSON pointers and messages.</summary>
    public const string SchemaViolation = "schema-violation";

    /// <summary>
    /// The event passed its envelope, but the topic of its type (outside the catalog) does not exist and may not be
    /// created; replay it once the topic exists.
    /// </summary>
    public const string TypedTopicMissing = "typed-topic-missing";

    /// <summary>Kafka refused the typed record for good (e.g. too large); the event is kept here instead.</summary>
    public const string OutputRejected = "output-rejected";
}
