using System.Globalization;
using System.Security.Cryptography;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Cli.Quarantine;

/// <summary>One record of the quarantine topic: a request the ingress refused, or a marker left by a replay.</summary>
internal sealed class QuarantinedRequest(ConsumeResult<byte[]?, byte[]?> record)
{
    public ConsumeResult<byte[]?, byte[]?> Record { get; } = record;

    /// <summary>A marker says a body was replayed; it holds that body's digest and no body.</summary>
    public string? ReplayedDigest => Record.Message.Headers.GetText(RecordHeaders.QuarantineReplayed);

    public string? Signature => Record.Message.Headers.GetText(RecordHeaders.QuarantineSignature);

    public byte[] Body => Record.Message.Value ?? [];

    /// <summary>SHA-256 of the body, hex: duplicates (the sender's retries of one event) share it.</summary>
    public string Digest => Convert.ToHexStringLower(SHA256.HashData(Body));

    /// <summary><c>topic/partition/offset</c>, the provenance written on the replayed raw record.</summary>
    public string Source => string.Create(CultureInfo.InvariantCulture, $"{Record.Topic}/{Record.Partition.Value}/{Record.Offset.Value}");

    public string Where => string.Create(CultureInfo.InvariantCulture, $"[{Record.Partition.Value}]@{Record.Offset.Value}");

    public string? EventType => Record.Message.Headers.GetText(RecordHeaders.EventTypeReceived);

    /// <summary>
    /// The raw record the ingress would have written had the request verified: the same key and value, its
    /// request id, reception time and event type, how it verified, plus where it came from and when it was replayed.
    /// </summary>
    public Message<byte[]?, byte[]?> ToRawRecord(Reverification check, DateTimeOffset replayedAt)
    {
        var headers = new Headers();
        foreach (var name in (ReadOnlySpan<string>)[RecordHeaders.EventTypeReceived, RecordHeaders.ReceivedAt, RecordHeaders.RequestId])
        {
            if (Record.Message.Headers.GetText(name) is { } value)
            {
                headers.AddText(name, value);
            }
        }

        var variant = check.Variant!.Value;
        var encoding = variant.Name[..variant.Name.IndexOf('/', StringComparison.Ordinal)];
        headers.AddText(RecordHeaders.SignatureEncoding, check.Outcome == ReverificationOutcome.DefaultScheme ? (encoding.StartsWith("hex", StringComparison.Ordinal) ? "hex" : "base64") : encoding);
        headers.AddText(RecordHeaders.SignatureKey, check.SecretName!);
        if (check.Outcome == ReverificationOutcome.AcceptedVariant)
        {
            headers.AddText(RecordHeaders.SignatureVariant, variant.Name);
        }

        headers.AddText(RecordHeaders.QuarantineSource, Source);
        headers.AddNumber(RecordHeaders.ReplayedAt, replayedAt.ToUnixTimeMilliseconds());
        return new Message<byte[]?, byte[]?> { Key = Record.Message.Key, Value = Record.Message.Value, Headers = headers };
    }

    /// <summary>The marker that tells later replays this body is in the raw topic already.</summary>
    public Message<byte[]?, byte[]?> ToMarker(DateTimeOffset replayedAt)
    {
        var headers = new Headers();
        headers.AddText(RecordHeaders.QuarantineReplayed, Digest);
        headers.AddText(RecordHeaders.QuarantineSource, Source);
        headers.AddNumber(RecordHeaders.ReplayedAt, replayedAt.ToUnixTimeMilliseconds());
        return new Message<byte[]?, byte[]?> { Key = Record.Message.Key, Value = null, Headers = headers };
    }
}
