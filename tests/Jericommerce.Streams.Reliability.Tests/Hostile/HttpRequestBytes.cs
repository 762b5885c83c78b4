using System.Text;

namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>Builds HTTP/1.x requests byte by byte, so that any of them can be wrong.</summary>
internal sealed class HttpRequestBytes
{
    private readonly List<(string Name, byte[] Value)> _headers = [];

    public HttpRequestBytes(string requestLine) => RequestLine = requestLine;

    public string RequestLine { get; set; }

    public HttpRequestBytes Header(string name, string value) => Header(name, Encoding.ASCII.GetBytes(value));

    public HttpRequestBytes Header(string name, byte[] value)
    {
        _headers.Add((name, value));
        return this;
    }

    public bool Has(string name) => _headers.Exists(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    public int Count => _headers.Count;

    /// <summary>The bytes of every header line: what Kestrel's total headers size limit counts, roughly.</summary>
    public int HeadersSize => _headers.Sum(h => h.Name.Length + h.Value.Length + 4);

    public byte[] Build(ReadOnlySpan<byte> bodyOnTheWire)
    {
        var bytes = new MemoryStream();
        bytes.Write(Encoding.ASCII.GetBytes(RequestLine + "\r\n"));
        foreach (var (name, value) in _headers)
        {
            bytes.Write(Encoding.ASCII.GetBytes(name + ": "));
            bytes.Write(value);
            bytes.Write("\r\n"u8);
        }

        bytes.Write("\r\n"u8);
        bytes.Write(bodyOnTheWire);
        return bytes.ToArray();
    }

    /// <summary>The body in chunked transfer coding, in chunks of random sizes.</summary>
    public static byte[] Chunked(ReadOnlySpan<byte> body, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bytes = new MemoryStream();
        var at = 0;
        while (at < body.Length)
        {
            var size = Math.Min(body.Length - at, random.Next(1, 4096));
            bytes.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            bytes.Write(body.Slice(at, size));
            bytes.Write("\r\n"u8);
            at += size;
        }

        bytes.Write("0\r\n\r\n"u8);
        return bytes.ToArray();
    }
}
