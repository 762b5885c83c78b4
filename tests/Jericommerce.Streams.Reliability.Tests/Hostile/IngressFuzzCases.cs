using System.Globalization;
using System.IO.Compression;
using System.Text;
using Jericommerce.Streams.Reliability.Tests.Sending;

namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>
/// Generates hostile requests from a seeded <see cref="Random"/>: random and malformed bodies (bytes,
/// invalid UTF-8, deep or enormous JSON, duplicate keys, a BOM, UTF-16, gzip, over the limit), random
/// and malformed signatures (wrong secret, other body, truncated, url-safe, repeated, missing), random
/// and malformed headers (huge, too many, repeated, bad names, control and non-ASCII bytes, folded),
/// odd request lines and framings (chunked, broken chunks, lengths that lie, both lengths) and a few
/// slow senders. Every case knows its body and whether its signature is valid.
/// </summary>
internal sealed class IngressFuzzCases(Random random, string secret, int port)
{
    public const int MaxBodyBytes = 262_144;
    private const string Path = "/webhooks/jericommerce";
    private const string Printable = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&'()*+,-./:;<=>?@[]^_`{|}~\"";

    private int _sequence;

    /// <summary>How many slow senders to mix in (each holds a connection for seconds).</summary>
    public int SlowBudget { get; set; }

    public FuzzCase Next()
    {
        var n = Interlocked.Increment(ref _sequence);
        var notes = new List<string>();
        var wellFormed = true;
        var (body, contentEncoding) = NextBody(n, notes);
        var request = new HttpRequestBytes($"POST {Path} HTTP/1.1");
        var unsupportedVersion = MutateRequestLine(request, notes, ref wellFormed);
        var framing = random.Next(20);
        var onTheWire = body;
        byte[] stored = body;

        // Framing: how the body's length is told, or lied about.
        var framingHeaders = new List<(string, string)>();
        var halfClose = false;
        switch (framing)
        {
            case < 14:
                framingHeaders.Add(("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)));
                break;
            case < 17:
                framingHeaders.Add(("Transfer-Encoding", "chunked"));
                onTheWire = HttpRequestBytes.Chunked(body, random);
                notes.Add("chunked");
                if (request.RequestLine.EndsWith("HTTP/1.0", StringComparison.Ordinal))
                {
                    wellFormed = false;
                }

                break;
            case 17:
                framingHeaders.Add(("Transfer-Encoding", "chunked"));
                onTheWire = [.. Encoding.ASCII.GetBytes("zz\r\n"), .. body, .. "\r\n0\r\n\r\n"u8];
                notes.Add("broken chunk size");
                wellFormed = false;
                break;
            case 18 when body.Length > 2:
                // Says more than it sends, then closes: a truncated upload.
                framingHeaders.Add(("Content-Length", (body.Length + random.Next(1, 500)).ToString(CultureInfo.InvariantCulture)));
                halfClose = true;
                notes.Add("truncated");
                wellFormed = false;
                break;
            case 18:
                framingHeaders.Add(("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)));
                framingHeaders.Add(("Transfer-Encoding", "chunked"));
                onTheWire = HttpRequestBytes.Chunked(body, random);
                notes.Add("both lengths");
                wellFormed = false;
                break;
            default:
                // Says less than it sends: the server reads only the announced prefix as the body.
                var told = body.Length == 0 ? 0 : random.Next(body.Length);
                framingHeaders.Add(("Content-Length", told.ToString(CultureInfo.InvariantCulture)));
                stored = body[..told];
                notes.Add("shorter length");
                break;
        }

        var (signatures, signatureValid) = NextSignature(stored, notes);
        AddHeaders(request, notes, ref wellFormed, framingHeaders, signatures, contentEncoding);
        var slow = SlowBudget > 0 && random.Next(40) == 0;
        var slice = 0;
        var delay = TimeSpan.Zero;
        var bytes = request.Build(onTheWire);
        var atOnce = 0;
        if (slow)
        {
            SlowBudget--;
            wellFormed = false;
            if (random.Next(2) == 0)
            {
                // Slowloris: the headers a byte at a time, slower than the headers timeout allows.
                slice = 1;
                delay = TimeSpan.FromMilliseconds(300);
                notes.Add("slow headers");
            }
            else
            {
                // The headers at once, then the body far below the minimum data rate.
                atOnce = bytes.Length - onTheWire.Length;
                slice = 8;
                delay = TimeSpan.FromMilliseconds(400);
                notes.Add("slow body");
            }
        }

        if (request.HeadersSize > 30_000)
        {
            // Near Kestrel's 32 KiB total: a 431 is a fair answer.
            wellFormed = false;
        }

        if (random.Next(60) == 0)
        {
            // Not HTTP at all.
            bytes = RandomBytes(random.Next(1, 3000));
            notes.Add("random bytes on the socket");
            return new FuzzCase($"#{n} {string.Join(", ", notes)}", bytes, [], SignatureValid: false, MustBeAccepted: false) { UnsupportedHttpVersion = true };
        }

        return new FuzzCase($"#{n} {string.Join(", ", notes)}", bytes, stored, signatureValid, signatureValid && wellFormed && stored.Length <= MaxBodyBytes)
        {
            SliceBytes = slice,
            SliceDelay = delay,
            SendAtOnce = atOnce,
            HalfClose = halfClose,
            UnsupportedHttpVersion = unsupportedVersion,
        };
    }

    private (byte[] Body, string? ContentEncoding) NextBody(int n, List<string> notes)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"fuzz-{n}-{random.Next():x8}");
        var customer = string.Create(CultureInfo.InvariantCulture, $"c{n % 101}");
        var valid = Encoding.UTF8.GetBytes($$$"""{"id":"{{{id}}}","customerId":"cus-{{{random.Next(50)}}}","createdAt":"2025-06-01T12:34:56Z","email":"fuzz@example.test","properties":{"name":"Wallet click","utm_source":"wallet","utm_medium":"wallet_pass","utm_campaign":"generic_link"}}""");
        switch (random.Next(24))
        {
            case < 7:
                notes.Add("valid event");
                return (valid, null);
            case < 9:
                notes.Add("random bytes");
                return (RandomBytes(random.Next(0, 2048)), null);
            case 9:
                notes.Add("invalid UTF-8");
                return (Encoding.UTF8.GetBytes("{\"id\":\"" + id + "\",\"customerId\":\"" + customer + "\",\"email\":\"").Concat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE }).Concat("\"}"u8.ToArray()).ToArray(), null);
            case 10:
                var depth = new[] { 65, 1000, 100_000 }[random.Next(3)];
                notes.Add($"nested {depth} deep");
                return (Encoding.ASCII.GetBytes($$$"""{"id":"{{{id}}}","customerId":"{{{customer}}}","properties":{"deep":{{{new string('[', depth)}}}{{{new string(']', depth)}}}}}"""), null);
            case 11:
                notes.Add("enormous JSON");
                var items = string.Join(',', Enumerable.Range(0, 30_000).Select(i => i.ToString(CultureInfo.InvariantCulture)));
                return (Encoding.ASCII.GetBytes($$$"""{"id":"{{{id}}}","customerId":"{{{customer}}}","createdAt":"2025-06-01T12:34:56Z","properties":{"items":[{{{items}}}]}}"""), null);
            case 12:
                notes.Add("duplicate keys");
                return (Encoding.UTF8.GetBytes($$$"""{"id":"{{{id}}}","id":"{{{id}}}-again","customerId":"a","customerId":"b","properties":{}}"""), null);
            case 13:
                notes.Add("BOM");
                return ([0xEF, 0xBB, 0xBF, .. valid], null);
            case 14:
                notes.Add("UTF-16");
                return (Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(valid)), null);
            case 15:
                notes.Add("gzip");
                var compressed = new MemoryStream();
                using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(valid);
                }

                return (compressed.ToArray(), "gzip");
            case 16:
                notes.Add("empty");
                return ([], null);
            case 17:
                notes.Add("unpaired surrogate");
                return (Encoding.ASCII.GetBytes($$$"""{"id":"{{{id}}}","customerId":"\ud800","properties":{"\udfff":1}}"""), null);
            case 18:
                notes.Add("customerId 5000 long");
                return (Encoding.ASCII.GetBytes($$$"""{"id":"{{{id}}}","customerId":"{{{new string('c', 5000)}}}","properties":{}}"""), null);
            case 19 when random.Next(4) == 0:
                var over = MaxBodyBytes + random.Next(1, 2000);
                notes.Add($"over the limit ({over} B)");
                return (Padded(over, id, customer), null);
            case 19:
                notes.Add("exactly at the limit");
                return (Padded(MaxBodyBytes, id, customer), null);
            default:
                notes.Add("mutated event");
                var mutated = (byte[])valid.Clone();
                for (var i = random.Next(1, 6); i > 0; i--)
                {
                    mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                }

                return (mutated, null);
        }
    }

    private (List<string> Values, bool Valid) NextSignature(byte[] body, List<string> notes)
    {
        var digest = WebhookSignature.Hmac(secret, body);
        var base64 = Convert.ToBase64String(digest);
        switch (random.Next(20))
        {
            case < 7:
                return ([base64], true);
            case 7:
                notes.Add("hex signature");
                return ([Convert.ToHexStringLower(digest)], true);
            case 8:
                notes.Add("HEX signature");
                return ([Convert.ToHexString(digest)], true);
            case 9:
                notes.Add("sha256= unpadded");
                return (["SHA256=" + base64.TrimEnd('=')], true);
            case 10:
                notes.Add("wrong secret");
                return ([WebhookSignature.Base64(secret + "x", body)], false);
            case 11:
                notes.Add("other body's signature");
                return ([WebhookSignature.Base64(secret, [.. body, (byte)' '])], false);
            case 12:
                notes.Add("no signature");
                return ([], false);
            case 13:
                notes.Add("empty signature");
                return ([""], false);
            case 14:
                notes.Add("garbage signature");
                return ([RandomText(random.Next(1, random.Next(2) == 0 ? 80 : 10_000))], false);
            case 15:
                var url = base64.Replace('+', '-').Replace('/', '_');
                notes.Add("url-safe base64");
                return ([url], url == base64);
            case 16:
                notes.Add("repeated signature");
                return ([base64, base64], false);
            case 17:
                notes.Add("truncated signature");
                return ([base64[..40]], false);
            case 18:
                notes.Add("signature of nothing");
                return ([WebhookSignature.Base64(secret, [])], body.Length == 0);
            default:
                notes.Add("0x hex");
                return (["0x" + Convert.ToHexStringLower(digest)], false);
        }
    }

    private bool MutateRequestLine(HttpRequestBytes request, List<string> notes, ref bool wellFormed)
    {
        if (random.Next(6) != 0)
        {
            return false;
        }

        switch (random.Next(12))
        {
            case 0:
                var method = new[] { "GET", "PUT", "DELETE", "PATCH", "OPTIONS", "post", "P0ST" }[random.Next(7)];
                request.RequestLine = $"{method} {Path} HTTP/1.1";
                notes.Add($"method {method}");
                wellFormed = false;
                return false;
            case 1:
                request.RequestLine = $"POST {Path}?probe={random.Next()} HTTP/1.1";
                notes.Add("query string");
                return false;
            case 2:
                var path = new[] { "/webhooks/jericommerce/", "/WEBHOOKS/Jericommerce", "/webhooks/x/../jericommerce", "/webhooks/jericommerce%00", "/other", "*" }[random.Next(6)];
                request.RequestLine = $"POST {path} HTTP/1.1";
                notes.Add($"path {path}");
                wellFormed = false;
                return false;
            case 3:
                request.RequestLine = $"POST http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}{Path} HTTP/1.1";
                notes.Add("absolute-form target");
                wellFormed = false;
                return false;
            case 4:
                request.RequestLine = $"POST {Path} HTTP/1.0";
                notes.Add("HTTP/1.0");
                return false;
            case 5:
                var version = new[] { "HTTP/1.2", "HTTP/2.0", "HTTP/3" }[random.Next(3)];
                request.RequestLine = $"POST {Path} {version}";
                notes.Add(version);
                wellFormed = false;
                return true;
            case 6:
                request.RequestLine = $"POST {Path} HTTQ/1.1";
                notes.Add("bad protocol");
                wellFormed = false;
                return true;
            case 7:
                request.RequestLine = $"POST  {Path}  HTTP/1.1";
                notes.Add("double spaces");
                wellFormed = false;
                return false;
            case 8:
                request.RequestLine = $"POST {new string('/', 1) + new string('a', 20_000)} HTTP/1.1";
                notes.Add("20 kB target");
                wellFormed = false;
                return false;
            default:
                request.RequestLine = RandomText(random.Next(1, 200));
                notes.Add("random request line");
                wellFormed = false;
                return true;
        }
    }

    private void AddHeaders(HttpRequestBytes request, List<string> notes, ref bool wellFormed, List<(string Name, string Value)> framing, List<string> signatures, string? contentEncoding)
    {
        var omitHost = random.Next(40) == 0;
        if (omitHost)
        {
            notes.Add("no Host");
            if (!request.RequestLine.EndsWith("HTTP/1.0", StringComparison.Ordinal))
            {
                wellFormed = false;
            }
        }
        else
        {
            request.Header("Host", "127.0.0.1");
        }

        request.Header("Connection", "close");
        foreach (var (name, value) in framing)
        {
            request.Header(name, value);
        }

        foreach (var signature in signatures)
        {
            request.Header(random.Next(5) == 0 ? "X-Jericommerce-HMAC-SHA256" : Signing.SignatureHeader, signature);
        }

        if (contentEncoding is not null)
        {
            request.Header("Content-Encoding", contentEncoding);
        }

        var contentType = new[] { "application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=--x", "application/json; charset=utf-16", "x/\u0001" }[random.Next(7)];
        if (random.Next(8) != 0)
        {
            request.Header("Content-Type", contentType);
            if (contentType.Contains('\u0001', StringComparison.Ordinal))
            {
                notes.Add("control byte in content type");
                wellFormed = false;
            }
        }

        var eventType = random.Next(12) switch
        {
            0 => null,
            1 => RandomText(random.Next(1, 3000)),
            2 => "Wallet teleported",
            _ => "Wallet click",
        };
        if (eventType is not null)
        {
            request.Header(Signing.EventTypeHeader, eventType);
            if (random.Next(15) == 0)
            {
                request.Header(Signing.EventTypeHeader, "Customer created");
                notes.Add("repeated event type");
            }
        }

        if (random.Next(10) == 0)
        {
            request.Header("x-request-id", RandomText(random.Next(1, 300)));
        }

        if (random.Next(10) == 0)
        {
            request.Header("traceparent", RandomText(random.Next(1, 100)));
        }

        if (random.Next(20) == 0)
        {
            request.Header("Expect", "100-continue");
            notes.Add("expect 100-continue");
        }

        for (var i = random.Next(random.Next(3) == 0 ? 30 : 3); i > 0; i--)
        {
            request.Header($"x-fuzz-{random.Next(1000)}", RandomText(random.Next(0, 200)));
        }

        switch (random.Next(30))
        {
            case 0:
                request.Header("x-big", new string('b', 20_000));
                notes.Add("20 kB header");
                break;
            case 1:
                request.Header("x-huge", new string('h', 40_000));
                notes.Add("40 kB header");
                wellFormed = false;
                break;
            case 2:
                for (var i = 0; i < 120; i++)
                {
                    request.Header($"x-many-{i}", "1");
                }

                notes.Add("120 headers");
                wellFormed = false;
                break;
            case 3:
                request.Header("bad header", "1");
                notes.Add("space in a header name");
                wellFormed = false;
                break;
            case 4:
                request.Header("x-nul", [(byte)'a', 0, (byte)'b']);
                notes.Add("NUL in a header");
                wellFormed = false;
                break;
            case 5:
                request.Header("x-latin", [(byte)'c', (byte)'a', (byte)'f', 0xE9, 0xC3, 0x28]);
                notes.Add("non-ASCII header bytes");
                wellFormed = false;
                break;
            case 6:
                request.Header("x-fold", "a\r\n folded");
                notes.Add("folded header");
                wellFormed = false;
                break;
            case 7:
                request.Header("Content-Length", "-1");
                notes.Add("second, negative Content-Length");
                wellFormed = false;
                break;
            case 8 when !omitHost:
                request.Header("Host", "evil.example");
                notes.Add("two Hosts");
                wellFormed = false;
                break;
            default:
                break;
        }
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private string RandomText(int length) => string.Create(length, random, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Printable[r.Next(Printable.Length)];
        }
    });

    /// <summary>A JSON object of exactly <paramref name="length"/> bytes.</summary>
    private static byte[] Padded(int length, string id, string customer)
    {
        var head = Encoding.ASCII.GetBytes($$"""{"id":"{{id}}","customerId":"{{customer}}","padding":""");
        var body = new byte[length];
        head.CopyTo(body, 0);
        body.AsSpan(head.Length, length - head.Length - 2).Fill((byte)'x');
        "\"}"u8.CopyTo(body.AsSpan(length - 2));
        return body;
    }
}
