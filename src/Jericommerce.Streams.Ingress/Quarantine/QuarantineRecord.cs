using System.Text;
using Confluent.Kafka;
using Jericommerce.Streams.Ingress.Http;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Ingress.Quarantine;

/// <summary>
/// The quarantine record of a request that failed verification: the body unchanged, keyed like its raw record
/// would have been, the ingress's own headers, every other request header as <c>jc-http-*</c>, and the signature
/// apart, in <c>jc-quarantine-signature</c> (replay needs it to re-verify; see docs/signatures.md).
/// </summary>
internal static class QuarantineRecord
{
    /// <summary>Request headers never copied: the signature (kept apart) and anything else that authenticates.</summary>
    private static readonly HashSet<string> Left = new(StringComparer.OrdinalIgnoreCase)
    {
        WebhookHeaders.Signature, "authorization", "proxy-authorization", "cookie",
    };

    public static Message<byte[]?, byte[]> Create(IHeaderDictionary request, byte[] body, string requestId, DateTimeOffset receivedAt, string reason, string? diagnosis)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new Headers();
        if (request[WebhookHeaders.EventType] is { Count: > 0 } eventType)
        {
            headers.AddText(RecordHeaders.EventTypeReceived, eventType.ToString());
        }

        headers.AddNumber(RecordHeaders.ReceivedAt, receivedAt.ToUnixTimeMilliseconds());
        headers.AddText(RecordHeaders.RequestId, requestId);
        headers.AddText(RecordHeaders.QuarantineSignature, request[WebhookHeaders.Signature].ToString());
        headers.AddText(RecordHeaders.QuarantineReason, reason);
        if (diagnosis is not null)
        {
            headers.AddText(RecordHeaders.QuarantineDiagnosis, diagnosis);
        }

        foreach (var (name, value) in request)
        {
            if (!Left.Contains(name))
            {
                headers.AddText(RecordHeaders.QuarantineHttpPrefix + name.ToLowerInvariant(), value.ToString());
            }
        }

        return new Message<byte[]?, byte[]> { Key = null, Value = body, Headers = headers };
    }

    /// <summary>
    /// Sets the key its raw record would have had (the body's <c>customerId</c>): done only once the record is within
    /// the budget, since it scans the body.
    /// </summary>
    public static void SetKey(Message<byte[]?, byte[]> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Key = EventEnvelope.Read(message.Value).CustomerIdKey;
    }

    /// <summary>What the record weighs against the per-minute byte budget: its value and headers (the key is a part of the value).</summary>
    public static long Size(Message<byte[]?, byte[]> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = (long)message.Value.Length + (message.Key?.Length ?? 0);
        foreach (var header in message.Headers)
        {
            size += Encoding.UTF8.GetByteCount(header.Key) + header.GetValueBytes().Length;
        }

        return size;
    }
}
