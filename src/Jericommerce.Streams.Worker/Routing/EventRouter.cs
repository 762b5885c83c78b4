using System.Buffers.Text;
using System.Collections.Frozen;
using System.Text;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker.Dedup;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Routing;

/// <summary>
/// Decides where one raw record goes and builds the record to write there: its typed topic when the
/// type resolves and the body passes its schema; for a type outside the catalog, a topic of its own when the body
/// passes the envelope schema (<see cref="EnvelopeTypes"/>); the dead-letter topic (with the reason) otherwise.
/// The value is always the raw bytes, unchanged.
/// </summary>
internal sealed class EventRouter
{
    private readonly SchemaCatalog _catalog;
    private readonly WorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly FrozenDictionary<EventType, RouteTarget> _catalogTargets;

    public EventRouter(
        SchemaCatalog catalog,
        IOptions<WorkerOptions> options,
        TimeProvider time,
        ILogger<EventRouter>? logger = null,
        IOptions<KafkaOptions>? kafka = null,
        Registry.TypedRecordFormat? format = null)
    {
        _catalog = catalog;
        _options = options.Value;
        _time = time;
        _catalogTargets = catalog.EventTypes.ToFrozenDictionary(type => type, RouteTarget.ForCatalogType);
        var log = (ILogger?)logger ?? NullLogger.Instance;
        // json-sr needs a registered subject per topic: an envelope-routed topic's is registered by the worker, so
        // without SchemaRegistry:AutoRegister the catalog stays closed.
        _format = format;
        _closedByRegistry = _options.TypedFormat == Registry.TypedFormat.JsonSr && format is { AcceptsEnvelopeTopics: false };
        Envelopes = _options.EnvelopeRouting && !_closedByRegistry ? new EnvelopeTypes(catalog, _options, log) : null;
        _topics = Envelopes is null || kafka is null ? null : new TypedTopics(kafka.Value, _options, time, log);
    }

    // Null without a Kafka to ask (benchmarks): every topic is taken to exist.
    private readonly TypedTopics? _topics;
    private readonly Registry.TypedRecordFormat? _format;
    private readonly bool _closedByRegistry;

    /// <summary>The types outside the catalog routed on their envelope; null when <see cref="WorkerOptions.EnvelopeRouting"/> is off.</summary>
    public EnvelopeTypes? Envelopes { get; }

    public RouteDecision Decide(ConsumeResult<byte[]?, byte[]?> record, DedupWindow window) => Decide(record, window, ReceivedAt(record));

    /// <param name="record">The raw record.</param>
    /// <param name="window">The partition's dedup window.</param>
    /// <param name="receivedAt">What <see cref="ReceivedAt"/> gives for <paramref name="record"/>, when the caller has it already.</param>
    public RouteDecision Decide(ConsumeResult<byte[]?, byte[]?> record, DedupWindow window, long? receivedAt)
    {
        var classification = Classify(record);
        if (classification.Target is not { } target)
        {
            return DeadLetter(record, classification.ErrorKind!, classification.ErrorDetail!);
        }

        // Before dedup: an event not written for want of a topic must not count as routed when it is replayed.
        if (target.IsEnvelope && _topics is not null && !_topics.IsReady(target.Topic, out var why))
        {
            return DeadLetter(record, DeadLetterKinds.TypedTopicMissing, why!);
        }

        var (id, key) = IdAndKey(record);
        var received = receivedAt ?? _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!window.TryAdd(id, received))
        {
            return RouteDecision.Duplicate(target.Slug);
        }

        var source = record.Message.Headers;
        var checkedAgainst = target.CheckedAgainst;
        var headers = new Headers()
            .AddText(RecordHeaders.EventId, id)
            .AddText(RecordHeaders.EventType, target.Slug)
            .AddText(RecordHeaders.Schema, checkedAgainst.SchemaFile)
            .AddNumber(RecordHeaders.SchemaVersion, checkedAgainst.SchemaVersion)
            .AddText(RecordHeaders.Contract, target.Contract)
            .AddNumber(RecordHeaders.ReceivedAt, received);
        AddSource(headers, record);
        CopyIfPresent(source, headers, RecordHeaders.TraceParent);
        CopyIfPresent(source, headers, RecordHeaders.TraceState);
        var output = new Message<byte[]?, byte[]?>
        {
            Key = key,
            Value = record.Message.Value,
            Headers = headers,
            Timestamp = record.Message.Timestamp,
        };
        return new RouteDecision(RouteKind.Typed, target.Topic, output, target.Slug) { Contract = target.Contract };
    }

    /// <summary>
    /// The event id and the typed record's key of a record that passed its schema: the ingress's <c>jc-event-id</c>
    /// header and the raw key, which it read from the body as it arrived; read from the body only for a record without
    /// them (an older ingress's, another producer's, a <c>customerId</c> too long for a key).
    /// </summary>
    public static (string Id, byte[] Key) IdAndKey(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (record.Message.Headers.GetText(RecordHeaders.EventId) is { } id && record.Message.Key is { } key)
        {
            return (id, key);
        }

        // The schema made both strings.
        var envelope = EventEnvelope.Read(record.Message.Value);
        return (envelope.Id!, envelope.CustomerId!);
    }

    /// <summary>
    /// The type and validity of a record, without writing anything: what routing decides before dedup, and what
    /// rebuilding the dedup window needs. A type outside the catalog whose event passes the envelope is admitted here.
    /// </summary>
    public Classification Classify(ConsumeResult<byte[]?, byte[]?> record)
    {
        var header = record.Message.Headers.GetText(RecordHeaders.EventTypeReceived);
        if (string.IsNullOrWhiteSpace(header))
        {
            return Classification.Failed(DeadLetterKinds.MissingEventType, "the request had no x-jericommerce-event-type header");
        }

        if (_catalog.TryResolve(header, out var type))
        {
            return Check(_catalogTargets[type], record);
        }

        if (Envelopes is not { } envelopes)
        {
            return Classification.Failed(DeadLetterKinds.UnknownEventType, _closedByRegistry && _options.EnvelopeRouting
                ? $"event type '{Truncate(header, 200)}' is not in the schema catalog (with Worker:TypedFormat=json-sr, envelope routing needs SchemaRegistry:AutoRegister, to register the type's subject)"
                : $"event type '{Truncate(header, 200)}' is not in the schema catalog (Worker:EnvelopeRouting is off)");
        }

        if (envelopes.TryFind(header, out var admitted, out var slug, out var refusal))
        {
            return Check(admitted, record);
        }

        if (refusal is not null)
        {
            return Unknown(header, refusal);
        }

        // Checked before admitting: a broken event must not take one of the capped places, nor announce a type.
        var result = _catalog.Validate(envelopes.Envelope, record.Message.Value ?? []);
        if (!result.IsValid)
        {
            return Failed(result);
        }

        if (!envelopes.TryAdmit(slug!, header, out var target, out refusal))
        {
            return Unknown(header, refusal);
        }

        // With json-sr its records are framed with the envelope schema's id under the topic's own subject.
        _format?.AddEnvelopeTopic(target.Topic);
        return new Classification(target, null, null);
    }

    private Classification Check(RouteTarget target, ConsumeResult<byte[]?, byte[]?> record)
    {
        var result = _catalog.Validate(target.CheckedAgainst, record.Message.Value ?? []);
        return result.IsValid ? new Classification(target, null, null) : Failed(result);
    }

    private static Classification Failed(ValidationResult result) => result.Outcome == ValidationOutcome.InvalidJson
        ? Classification.Failed(DeadLetterKinds.InvalidJson, Describe(result))
        : Classification.Failed(DeadLetterKinds.SchemaViolation, Describe(result));

    private static Classification Unknown(string header, string reason) =>
        Classification.Failed(DeadLetterKinds.UnknownEventType, $"event type '{Truncate(header, 200)}' is not in the schema catalog, and {reason}");

    /// <summary>Whether a record of <paramref name="target"/> would be written to it now (its topic exists): what dedup may remember.</summary>
    public bool CanWrite(RouteTarget target) => !target.IsEnvelope || _topics is null || _topics.IsReady(target.Topic, out _);

    /// <summary>A typed record Kafka will never take (e.g. too large), kept on the dead-letter topic instead.</summary>
    public RouteDecision Rejected(ConsumeResult<byte[]?, byte[]?> record, RouteDecision typed, string reason) =>
        DeadLetter(record, DeadLetterKinds.OutputRejected, $"{typed.Topic} refused the record: {reason}");

    /// <summary>When the ingress received the event (Unix ms), from its header, else the record's timestamp.</summary>
    public static long? ReceivedAt(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (record.Message.Headers is { } headers && headers.TryGetLastBytes(RecordHeaders.ReceivedAt, out var bytes)
            && Utf8Parser.TryParse(bytes, out long ms, out var consumed) && consumed == bytes.Length)
        {
            return ms;
        }

        return record.Message.Timestamp.Type == TimestampType.NotAvailable ? null : record.Message.Timestamp.UnixTimestampMs;
    }

    private RouteDecision DeadLetter(ConsumeResult<byte[]?, byte[]?> record, string kind, string detail)
    {
        var headers = new Headers();
        if (record.Message.Headers is { } original)
        {
            foreach (var header in original)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        headers.AddText(RecordHeaders.ErrorKind, kind)
            .AddText(RecordHeaders.ErrorDetail, Truncate(detail, _options.ErrorDetailMaxBytes))
            .AddNumber(RecordHeaders.FailedAt, _time.GetUtcNow().ToUnixTimeMilliseconds());
        AddSource(headers, record);
        var output = new Message<byte[]?, byte[]?>
        {
            Key = record.Message.Key,
            Value = record.Message.Value,
            Headers = headers,
            Timestamp = record.Message.Timestamp,
        };
        return new RouteDecision(RouteKind.DeadLetter, _options.DeadLetterTopic, output, kind);
    }

    private static void AddSource(Headers headers, ConsumeResult<byte[]?, byte[]?> record) =>
        headers.AddText(RecordHeaders.SourceTopic, record.Topic)
            .AddNumber(RecordHeaders.SourcePartition, record.Partition.Value)
            .AddNumber(RecordHeaders.SourceOffset, record.Offset.Value);

    private static void CopyIfPresent(Headers? from, Headers to, string key)
    {
        if (from is not null && from.TryGetLastBytes(key, out var value))
        {
            to.Add(key, value);
        }
    }

    private static string Describe(ValidationResult result) =>
        string.Join("; ", result.Errors.Select(e => string.IsNullOrEmpty(e.Pointer) ? e.Message : $"{e.Pointer}: {e.Message}"));

    /// <summary>Cuts text to at most <paramref name="maxBytes"/> UTF-8 bytes, on a character boundary.</summary>
    internal static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        const string Ellipsis = "…";
        var budget = maxBytes - Encoding.UTF8.GetByteCount(Ellipsis);
        var length = 0;
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > budget)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }

        return string.Concat(text.AsSpan(0, length), Ellipsis);
    }

    internal readonly record struct Classification(RouteTarget? Target, string? ErrorKind, string? ErrorDetail)
    {
        public static Classification Failed(string kind, string detail) => new(null, kind, detail);
    }
}
