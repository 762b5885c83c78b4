using System.Globalization;
using Confluent.Kafka;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Cli.Send;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Cli.Dlq;

/// <summary>A dead-letter record, read through the headers the worker puts on it (docs/worker.md, Dead-letter record).</summary>
internal sealed class DeadLetter(ConsumeResult<byte[]?, byte[]?> record)
{
    /// <summary>The kind shown for a record without <c>jc-error-kind</c> (not written by the worker).</summary>
    public const string NoKind = "(none)";

    public ConsumeResult<byte[]?, byte[]?> Record { get; } = record;

    public int Partition => Record.Partition.Value;

    public long Offset => Record.Offset.Value;

    public string Kind => Record.Message.Headers.GetText(RecordHeaders.ErrorKind) ?? NoKind;

    public string? Detail => Record.Message.Headers.GetText(RecordHeaders.ErrorDetail);

    /// <summary>The <c>x-jericommerce-event-type</c> the event came with; null when it had none.</summary>
    public string? EventType => Record.Message.Headers.GetText(RecordHeaders.EventTypeReceived);

    /// <summary>When the worker dead-lettered it (<c>jc-failed-at</c>), else the record's timestamp.</summary>
    public DateTimeOffset FailedAt =>
        DateTimeOffset.FromUnixTimeMilliseconds(RecordText.UnixMs(Record.Message.Headers, RecordHeaders.FailedAt) ?? Record.Message.Timestamp.UnixTimestampMs);

    public string? EventId => EventEnvelope.Read(Record.Message.Value).Id;

    public string? SourceTopic => Record.Message.Headers.GetText(RecordHeaders.SourceTopic);

    public int? SourcePartition =>
        int.TryParse(Record.Message.Headers.GetText(RecordHeaders.SourcePartition), NumberStyles.None, CultureInfo.InvariantCulture, out var partition) ? partition : null;

    public long? SourceOffset =>
        long.TryParse(Record.Message.Headers.GetText(RecordHeaders.SourceOffset), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : null;

    /// <summary>When it was last replayed, if the record itself is the dead letter of a replay.</summary>
    public long? ReplayedAt => RecordText.UnixMs(Record.Message.Headers, RecordHeaders.ReplayedAt);
}
