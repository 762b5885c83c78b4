using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>
/// Raw records no ingress would write: random bytes, null values, malformed, null, repeated, huge and
/// non-UTF-8 headers, bodies at and past the JSON depth limit, duplicate keys, a BOM, unpaired
/// surrogates, enormous valid events. A fixed set covering each, then random ones from a seed.
/// </summary>
internal sealed class GarbageRecords(Random random)
{
    private const string Invalid = "invalid-json";
    private const string Missing = "missing-event-type";
    private const string Unknown = "unknown-event-type";
    private const string Violation = "schema-violation";

    private int _sequence;

    public IEnumerable<GarbageRecord> Fixed()
    {
        yield return Record("null value", null, Header("Wallet click"), null, Invalid);
        yield return Record("empty value", [], Header("Wallet click"), null, Invalid);
        yield return Record("null event-type header", Valid("customer-created", out _), [(RecordHeaders.EventTypeReceived, null)], null, Missing);
        yield return Record("empty event-type header", Valid("customer-created", out _), [(RecordHeaders.EventTypeReceived, [])], null, Missing);
        yield return Record("non-UTF-8 event-type header", Valid("customer-created", out _), [(RecordHeaders.EventTypeReceived, [0xC3, 0x28, 0xFF])], null, Unknown);
        yield return Record("30 kB event-type header", Valid("customer-created", out _), Header(new string('x', 30_000)), null, Unknown);
        yield return Record("repeated type header, last outside the catalog", Valid("customer-created", out _), [.. Header("Customer created"), .. Header("Customer deleted")], "customer-deleted", null);
        yield return Record("repeated type header, last valid", Valid("customer-created", out _), [.. Header("Customer deleted"), .. Header("Customer created")], "customer-created", null);
        yield return Record("no headers at all", Valid("customer-created", out _), [], null, Missing);
        foreach (var receivedAt in new byte[]?[] { null, [], "not a number"u8.ToArray(), "-5"u8.ToArray(), "99999999999999999"u8.ToArray(), [0xFF, 0xFE] })
        {
            yield return Record($"received-at {Describe(receivedAt)}", Valid("wallet-click", out _), [.. Header("Wallet click"), (RecordHeaders.ReceivedAt, receivedAt)], "wallet-click", null);
        }

        yield return Record("null and non-UTF-8 traceparent", Valid("wallet-click", out _), [.. Header("Wallet click"), (RecordHeaders.TraceParent, null), (RecordHeaders.TraceState, [0xFF])], "wallet-click", null);
        yield return Record("100 random headers, one with an empty name", Valid("wallet-click", out _), [.. Header("Wallet click"), .. RandomHeaders(100), ("", null)], "wallet-click", null);
        yield return Record("nested exactly to the depth limit (64)", Nested(SchemaCatalog.MaxPayloadDepth), Header("Wallet Pass Requested"), "wallet-pass-requested", null);
        yield return Record("nested one past the depth limit (65)", Nested(SchemaCatalog.MaxPayloadDepth + 1), Header("Wallet Pass Requested"), null, Invalid);
        yield return Record("nested 100,000 deep", Encoding.ASCII.GetBytes(new string('[', 100_000) + new string(']', 100_000)), Header("Wallet Pass Requested"), null, Invalid);
        yield return Record("enormous valid event (250 kB)", Enormous(), Header("Wallet Pass Requested"), "wallet-pass-requested", null);
        yield return Record("duplicate keys", Encoding.UTF8.GetBytes($$$"""{"id":"{{{NextId()}}}","id":"other","customerId":"c","createdAt":"2025-06-01T12:00:00Z","properties":{}}"""), Header("Customer created"), null, Invalid);
        yield return Record("BOM", [0xEF, 0xBB, 0xBF, .. Valid("customer-created", out _)], Header("Customer created"), null, Invalid);
        yield return Record("unpaired surrogate", Encoding.ASCII.GetBytes($$$"""{"id":"{{{NextId()}}}","customerId":"c","createdAt":"2025-06-01T12:00:00Z","properties":{"\ud800":1}}"""), Header("Wallet Pass Requested"), null, Invalid);
        yield return Record("a JSON array", "[1,2,3]"u8.ToArray(), Header("Customer created"), null, Invalid);
        yield return Record("invalid UTF-8 in an unread field", Encoding.UTF8.GetBytes("{\"id\":\"" + NextId() + "\",\"customerId\":\"c\",\"createdAt\":\"2025-06-01T12:00:00Z\",\"properties\":{},\"x\":").Concat(new byte[] { (byte)'"', 0xFF, (byte)'"', (byte)'}' }).ToArray(), Header("Wallet Pass Requested"), null, Invalid);
        yield return Record("numeric id", Encoding.UTF8.GetBytes("""{"id":42,"customerId":"c","createdAt":"2025-06-01T12:00:00Z","properties":{}}"""), Header("Wallet Pass Requested"), null, Violation);
        yield return Record("schema violation", Mutate(Valid("customer-scanned", out _), o => o["properties"]!.AsObject().Remove("shopId")), Header("Customer scanned"), null, Violation);
    }

    /// <summary>A random record: random bytes or a mutated event, under a random, valid or missing type, with random headers and key.</summary>
    public GarbageRecord Next()
    {
        var value = random.Next(3) switch
        {
            0 => Bytes(random.Next(0, 4096)),
            1 => Flip(Valid("wallet-click", out _)),
            _ => Encoding.UTF8.GetBytes(RandomText(random.Next(0, 500))),
        };
        List<(string, byte[]?)> headers = random.Next(4) switch
        {
            0 => [],
            1 => [(RecordHeaders.EventTypeReceived, Bytes(random.Next(0, 64)))],
            2 => [.. Header(RandomText(random.Next(1, 100)))],
            _ => [.. Header("Wallet click")],
        };
        headers.AddRange(RandomHeaders(random.Next(0, 8)));
        var record = Record($"random #{_sequence}", value, headers, null, null);
        record.Message.Key = random.Next(3) == 0 ? null : Bytes(random.Next(0, 64));
        return record;
    }

    /// <summary>A valid event of <paramref name="slug"/> with a new unique id.</summary>
    public byte[] Valid(string slug, out string id)
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaDirectory.Default, "examples", $"{slug}.valid.json")))!.AsObject();
        id = NextId();
        body["id"] = id;
        body["customerId"] = string.Create(CultureInfo.InvariantCulture, $"cus-{random.Next(40)}");
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    public static List<(string, byte[]?)> Header(string eventType) => [(RecordHeaders.EventTypeReceived, Encoding.UTF8.GetBytes(eventType))];

    private GarbageRecord Record(string name, byte[]? value, List<(string Key, byte[]? Value)> headers, string? slug, string? kind)
    {
        var message = new Message<byte[]?, byte[]?> { Value = value, Headers = [] };
        foreach (var (key, header) in headers)
        {
            message.Headers.Add(key, header);
        }

        return new GarbageRecord(name, message, slug, kind);
    }

    private byte[] Nested(int depth)
    {
        // The root object and "properties" are two levels; the arrays make up the rest.
        var arrays = depth - 2;
        return Encoding.ASCII.GetBytes($$$"""{"id":"{{{NextId()}}}","customerId":"c","createdAt":"2025-06-01T12:00:00Z","properties":{"deep":{{{new string('[', arrays)}}}{{{new string(']', arrays)}}}}}""");
    }

    private byte[] Enormous()
    {
        var items = string.Join(',', Enumerable.Range(0, 40_000).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        return Encoding.ASCII.GetBytes($$$"""{"id":"{{{NextId()}}}","customerId":"c","createdAt":"2025-06-01T12:00:00Z","properties":{"items":[{{{items}}}]}}""");
    }

    private static byte[] Mutate(byte[] body, Action<JsonObject> change)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        change(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private byte[] Flip(byte[] body)
    {
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            body[random.Next(body.Length)] = (byte)random.Next(256);
        }

        return body;
    }

    private List<(string, byte[]?)> RandomHeaders(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => (RandomText(random.Next(0, 30)), random.Next(5) == 0 ? null : Bytes(random.Next(0, 200))))];

    private string NextId() => string.Create(CultureInfo.InvariantCulture, $"garbage-{Interlocked.Increment(ref _sequence)}-{random.Next():x8}");

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private string RandomText(int length) => string.Create(length, random, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)r.Next(0x20, 0x7F);
        }
    });

    private static string Describe(byte[]? bytes) => bytes is null ? "null" : $"'{Encoding.UTF8.GetString(bytes)}'";
}
