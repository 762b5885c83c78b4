using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Jericommerce.Streams.LoadTests.Http;

/// <summary>Fills one copy of each template per request: no allocation per request. Not thread-safe.</summary>
internal sealed class RequestWriter
{
    private static readonly StandardFormat Sequence = new('D', WebhookRequests.SequenceDigits);
    private static readonly StandardFormat Customer = new('D', WebhookRequests.CustomerDigits);

    private readonly WebhookRequests _requests;
    private readonly byte[][] _buffers;
    private readonly byte[][] _bodies;

    public RequestWriter(WebhookRequests requests)
    {
        _requests = requests;
        _buffers = [.. requests.Templates.Select(t => (byte[])t.Request.Clone())];
        _bodies = [.. requests.Templates.Select(t => t.Request.AsSpan(t.BodyOffset, t.BodyLength).ToArray())];
    }

    public EventTemplate TemplateOf(long sequence) => _requests.Templates[(int)(sequence % _requests.Templates.Count)];

    /// <summary>The signed request for <paramref name="sequence"/>; valid until this writer writes that type again.</summary>
    public ReadOnlyMemory<byte> Request(long sequence)
    {
        var index = (int)(sequence % _requests.Templates.Count);
        var template = _requests.Templates[index];
        var buffer = _buffers[index];
        Number(buffer.AsSpan(template.SequenceOffset, WebhookRequests.SequenceDigits), sequence, Sequence);
        Number(buffer.AsSpan(template.CustomerOffset, WebhookRequests.CustomerDigits), sequence % WebhookRequests.Customers, Customer);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_requests.Key, buffer.AsSpan(template.BodyOffset, template.BodyLength), mac);
        Base64.EncodeToUtf8(mac, buffer.AsSpan(template.SignatureOffset, 44), out _, out _);
        return buffer;
    }

    /// <summary>Only the body for <paramref name="sequence"/> (what the ingress writes to the raw topic); same reuse rule.</summary>
    public byte[] Body(long sequence, out EventTemplate template, out long customer)
    {
        var index = (int)(sequence % _requests.Templates.Count);
        template = _requests.Templates[index];
        customer = sequence % WebhookRequests.Customers;
        var body = _bodies[index];
        Number(body.AsSpan(template.SequenceOffset - template.BodyOffset, WebhookRequests.SequenceDigits), sequence, Sequence);
        Number(body.AsSpan(template.CustomerOffset - template.BodyOffset, WebhookRequests.CustomerDigits), customer, Customer);
        return body;
    }

    private static void Number(Span<byte> destination, long value, StandardFormat format)
    {
        if (!Utf8Formatter.TryFormat(value, destination, out var written, format) || written != destination.Length)
        {
            throw new InvalidOperationException($"{value} does not fit {destination.Length} digits.");
        }
    }
}
