using System.Buffers.Text;
using System.Text;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker.Dedup;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Routing;

/// <summary>
/// Decides where one raw record goes and builds the record to write there: its typed topic when the
/// type resolves and the body passes its schema, the dead-letter topic (with the reason) otherwise.
/// The value is always the raw bytes, unchanged.
/// </summary>
internal sealed class EventRouter
{
    private readonly SchemaCatalog _catalog;
    private readonly WorkerOptions _options;
    private readonly TimeProvider _time;

    public EventRouter(SchemaCatalog catalog, IOptions<WorkerOptions> options, TimeProvider time)
    {
        _catalog = catalog;
        _options = options.Value;
        _time = time;
    }

    public RouteDecision Decide(ConsumeResult<byte[]?, byte[]?> record, DedupWindow window) => Decide(record, window, ReceivedAt(record));

    /// <param name="record">The raw record.</param>
    /// <param name="window">The partition's dedup window.</param>
    /// <param name="receivedAt">What <see cref="ReceivedAt"/> gives for <paramref name="record"/>, when the caller has it already.</param>
    public RouteDecision Decide(ConsumeResult<byte[]?, byte[]?> record, DedupWindow window, long? receivedAt)
    {
        var classification = Classify(record);
        if (classification.Type is not { } type)
        {
            return DeadLetter(record, classification.ErrorKind!, classification.ErrorDetail!);
        }

        var envelope = EventEnvelope.Read(record.Message.Value);
        var received = receivedAt ?? _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!window.TryAdd(envelope.Id!, received))
        {
            return RouteDecision.Duplicate(type.Slug);
        }

        var source = record.Message.Headers;
        var headers = new Headers()
            .AddText(RecordHeaders.EventId, envelope.Id!)
            .AddText(RecordHeaders.EventType, type.Slug)
            .AddText(RecordHeaders.Schema, type.SchemaFile)
            .AddNumber(RecordHeaders.SchemaVersion, type.SchemaVersion)
            .AddNumber(RecordHeaders.ReceivedAt, received);
        AddSource(headers, record);
        CopyIfPresent(source, headers, RecordHeaders.TraceParent);
        CopyIfPresent(source, headers, RecordHeaders.TraceState);
        var output = new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(envelope.CustomerId!),
            Value = record.Message.Value,
            Headers = headers,
            Timestamp = record.Message.Timestamp,
        };
        return new RouteDecision(RouteKind.Typed, type.Topic, output, type.Slug);
    }

    /// <summary>
    /// The type and validity of a record, without writing or remembering anything: what routing
    /// decides before dedup, and what rebuilding the dedup window needs.
    /// </summary>
    public Classification Classify(ConsumeResult<byte[]?, byte[]?> record)
    {
        var header = record.Message.Headers.GetText(RecordHeaders.EventTypeReceived);
        if (string.IsNullOrWhiteSpace(header))
        {
            return Classification.Failed(DeadLetterKinds.MissingEventType, "the request had no x-jericommerce-event-type header");
        }

        if (!_catalog.TryResolve(header, out var type))
        {
            return Classification.Failed(DeadLetterKinds.UnknownEventType, $"event type '{Truncate(header, 200)}' is not in the schema catalog");
        }

        var result = _catalog.Validate(type, record.Message.Value ?? []);
        return result.Outcome switch
        {
            ValidationOutcome.Valid => new Classification(type, null, null),
            ValidationOutcome.InvalidJson => Classification.Failed(DeadLetterKinds.InvalidJson, Describe(result)),
            _ => Classification.Failed(DeadLetterKinds.SchemaViolation, Describe(result)),
        };
    }

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

    internal readonly record struct Classification(EventType? Type, string? ErrorKind, string? ErrorDetail)
    {
        public static Classification Failed(string kind, string detail) => new(null, kind, detail);
    }
}
