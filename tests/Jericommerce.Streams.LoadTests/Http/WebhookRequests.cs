using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.LoadTests.Http;

/// <summary>
/// Unique signed webhooks, cheap to make: each event type's valid example (minified) becomes a request template;
/// a request is its template with the sequence number written into the event id (<c>&lt;prefix&gt;&lt;10 digits&gt;</c>),
/// a customer number into <c>customerId</c>, and the base64 HMAC-SHA256 of the body into the signature header.
/// Types take turns by sequence number. Ids are unique per prefix, so the worker's dedup discards nothing.
/// </summary>
internal sealed class WebhookRequests
{
    public const int SequenceDigits = 10;
    public const int CustomerDigits = 8;
    public const int Customers = 100_000;
    private const int SignatureLength = 44;

    public WebhookRequests(string host, string secret, string idPrefix)
    {
        IdPrefix = idPrefix;
        Key = Encoding.UTF8.GetBytes(secret);
        var catalog = SchemaCatalog.Load();
        Templates = [.. catalog.EventTypes.Select(type => CreateTemplate(host, type))];
    }

    /// <summary>Every event id starts with this, then <see cref="SequenceDigits"/> digits.</summary>
    public string IdPrefix { get; }

    public byte[] Key { get; }

    public IReadOnlyList<EventTemplate> Templates { get; }

    public string EventId(long sequence) => string.Create(CultureInfo.InvariantCulture, $"{IdPrefix}{sequence:D10}");

    /// <summary>The sequence number of an event id with this prefix, or -1.</summary>
    public long SequenceOf(ReadOnlySpan<byte> eventId)
    {
        if (eventId.Length != IdPrefix.Length + SequenceDigits || !Ascii.Equals(eventId[..IdPrefix.Length], IdPrefix)
            || !Utf8Parser.TryParse(eventId[IdPrefix.Length..], out long sequence, out var consumed) || consumed != SequenceDigits)
        {
            return -1;
        }

        return sequence;
    }

    /// <summary>A writer of its own for one connection (or one producer): it reuses its buffers.</summary>
    public RequestWriter CreateWriter() => new(this);

    private EventTemplate CreateTemplate(string host, EventType type)
    {
        var idPlaceholder = IdPrefix + new string('0', SequenceDigits);
        var customerPlaceholder = "cus-" + new string('0', CustomerDigits);
        var example = Path.Combine(SchemaDirectory.Default, "examples", $"{type.Slug}.valid.json");
        var json = JsonNode.Parse(File.ReadAllBytes(example))!.AsObject();
        json["id"] = idPlaceholder;
        json["customerId"] = customerPlaceholder;
        var body = Encoding.UTF8.GetBytes(json.ToJsonString());

        var head = Encoding.ASCII.GetBytes(
            $"POST /webhooks/jericommerce HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n" +
            $"x-jericommerce-event-type: {type.HeaderNames[0]}\r\nx-jericommerce-hmac-sha256: {new string('=', SignatureLength)}\r\n" +
            $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n");
        var request = new byte[head.Length + body.Length];
        head.CopyTo(request, 0);
        body.CopyTo(request, head.Length);

        var bodySpan = request.AsSpan(head.Length);
        return new EventTemplate
        {
            Slug = type.Slug,
            HeaderName = type.HeaderNames[0],
            Request = request,
            BodyOffset = head.Length,
            BodyLength = body.Length,
            SequenceOffset = head.Length + bodySpan.IndexOf(Encoding.UTF8.GetBytes(idPlaceholder)) + IdPrefix.Length,
            CustomerOffset = head.Length + bodySpan.IndexOf(Encoding.UTF8.GetBytes(customerPlaceholder)) + 4,
            SignatureOffset = request.AsSpan().IndexOf("x-jericommerce-hmac-sha256: "u8) + "x-jericommerce-hmac-sha256: ".Length,
        };
    }
}
