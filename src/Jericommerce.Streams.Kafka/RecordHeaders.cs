namespace Jericommerce.Streams.Kafka;

/// <summary>
/// Kafka header names this system writes. They are a public contract: data platforms filter and
/// route on them, so a name never changes meaning. Values are UTF-8 text.
/// </summary>
public static class RecordHeaders
{
    // Raw topic (written by the ingress).

    /// <summary>
    /// The event's body <c>id</c> (a JSON string of at most 1,024 UTF-8 bytes), as the ingress read it: on raw records,
    /// so that the worker need not read the body for it; on typed records, written by the worker. Absent from a raw
    /// record whose body has no such <c>id</c>, and from those an older ingress wrote.
    /// </summary>
    public const string EventId = "jc-event-id";

    /// <summary>The <c>x-jericommerce-event-type</c> request header exactly as received; absent when the request had none.</summary>
    public const string EventTypeReceived = "jc-event-type-received";

    /// <summary>When the ingress received the request: UTC Unix time in milliseconds, decimal.</summary>
    public const string ReceivedAt = "jc-received-at";

    /// <summary>The request id, also echoed to the sender in the <c>x-request-id</c> response header.</summary>
    public const string RequestId = "jc-request-id";

    /// <summary>How the signature was encoded: <c>base64</c> or <c>hex</c>.</summary>
    public const string SignatureEncoding = "jc-signature-encoding";

    /// <summary>Which configured secret matched: its name (or index); never the secret.</summary>
    public const string SignatureKey = "jc-signature-key";

    /// <summary>
    /// The accepted variant of the signature scheme that matched (<c>Ingress:SignatureVariants</c>), e.g.
    /// <c>hex-lower/hex/raw</c>; absent when the default scheme matched.
    /// </summary>
    public const string SignatureVariant = "jc-signature-variant";

    /// <summary>W3C trace context, copied when present.</summary>
    public const string TraceParent = "traceparent";

    public const string TraceState = "tracestate";

    // Typed topics (written by the worker), with EventId above.

    /// <summary>The resolved event type slug, e.g. <c>wallet-click</c>.</summary>
    public const string EventType = "jc-event-type";

    /// <summary>The schema file the event was validated against, e.g. <c>wallet-click.v1.schema.json</c>.</summary>
    public const string Schema = "jc-schema";

    /// <summary>The schema's major version, e.g. <c>1</c>.</summary>
    public const string SchemaVersion = "jc-schema-version";

    /// <summary>
    /// Which contract the event was checked against: <c>full</c> (its type's schema) or <c>envelope</c> (a type outside
    /// the catalog: only the base schema every event shares). See <see cref="Contracts"/>.
    /// </summary>
    public const string Contract = "jc-contract";

    /// <summary>What the names of the headers saying where a record came from start with.</summary>
    public const string SourcePrefix = "jc-source-";

    /// <summary>The raw record's topic, partition and offset: where this record came from.</summary>
    public const string SourceTopic = SourcePrefix + "topic";

    public const string SourcePartition = SourcePrefix + "partition";

    public const string SourceOffset = SourcePrefix + "offset";

    // Dead-letter topic (written by the worker).

    /// <summary>What the names of the dead-letter headers saying why start with (those below, and any added later).</summary>
    public const string ErrorPrefix = "jc-error-";

    /// <summary><c>missing-event-type</c>, <c>unknown-event-type</c>, <c>invalid-json</c>, <c>schema-violation</c>, <c>output-rejected</c> or <c>typed-topic-missing</c>.</summary>
    public const string ErrorKind = ErrorPrefix + "kind";

    /// <summary>Why, bounded in length: JSON pointers and messages for schema violations.</summary>
    public const string ErrorDetail = ErrorPrefix + "detail";

    /// <summary>When the worker dead-lettered the record: UTC Unix time in milliseconds, decimal.</summary>
    public const string FailedAt = "jc-failed-at";

    // Quarantine topic (written by the ingress while Ingress:Quarantine is on; see docs/signatures.md).

    /// <summary>The signature header exactly as received: kept apart from the copied request headers so that replay can re-verify.</summary>
    public const string QuarantineSignature = "jc-quarantine-signature";

    /// <summary>Why the request failed: <c>signature-mismatch</c> or <c>malformed-signature</c>.</summary>
    public const string QuarantineReason = "jc-quarantine-reason";

    /// <summary>The diagnosed variant (or <c>none</c>, <c>skipped</c>) when the diagnosis ran.</summary>
    public const string QuarantineDiagnosis = "jc-quarantine-diagnosis";

    /// <summary>Prefix of the other request headers, copied as <c>jc-http-&lt;lowercase name&gt;</c> (never the signature, cookies or authorization).</summary>
    public const string QuarantineHttpPrefix = "jc-http-";

    /// <summary>On a raw record replayed from quarantine: the quarantine record it came from, <c>topic/partition/offset</c>.</summary>
    public const string QuarantineSource = "jc-quarantine-source";

    /// <summary>
    /// On a marker record in the quarantine topic: the SHA-256 (hex) of a body that <c>jcs quarantine replay</c> wrote
    /// to the raw topic, so that a later replay skips it.
    /// </summary>
    public const string QuarantineReplayed = "jc-quarantine-replayed";

    // Replays (written by jcs dlq replay).

    /// <summary>When the record was replayed from the dead-letter topic: UTC Unix time in milliseconds.</summary>
    public const string ReplayedAt = "jc-replayed-at";
}
