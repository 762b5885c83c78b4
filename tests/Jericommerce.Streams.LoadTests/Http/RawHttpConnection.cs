using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jericommerce.Streams.LoadTests.Http;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends a prepared request and reads the answer's status, with nothing
/// else: a few microseconds of the generator's CPU per request, where HttpClient costs tens. One request at a time
/// (no pipelining), as a webhook sender's connection pool works.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _response = new byte[8 * 1024];

    private RawHttpConnection(Socket socket) => _socket = socket;

    public static async Task<RawHttpConnection> OpenAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new RawHttpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="request"/> and returns the answer's status code once the whole answer is read.</summary>
    public async ValueTask<int> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        while (!request.IsEmpty)
        {
            var sent = await _socket.SendAsync(request, SocketFlags.None, cancellationToken);
            request = request[sent..];
        }

        var filled = 0;
        var headEnd = -1;
        var expected = int.MaxValue;
        var status = 0;
        while (filled < expected)
        {
            if (filled == _response.Length)
            {
                throw new InvalidOperationException("The answer does not fit the receive buffer.");
            }

            var read = await _socket.ReceiveAsync(_response.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            filled += read;
            if (headEnd < 0)
            {
                headEnd = _response.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
                if (headEnd >= 0)
                {
                    (status, var length) = ParseHead(_response.AsSpan(0, headEnd));
                    expected = headEnd + 4 + length;
                }
            }
        }

        return status;
    }

    public void Dispose() => _socket.Dispose();

    private static (int Status, int ContentLength) ParseHead(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 202 Accepted"
        if (head.Length < 12 || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
        {
            throw new InvalidOperationException($"Not an HTTP answer: {Encoding.ASCII.GetString(head[..Math.Min(head.Length, 40)])}");
        }

        var length = 0;
        while (head.IndexOf("\r\n"u8) is var end and >= 0)
        {
            head = head[(end + 2)..];
            var line = head.IndexOf("\r\n"u8) is var next and >= 0 ? head[..next] : head;
            if (line.Length > 15 && Ascii.EqualsIgnoreCase(line[..15], "content-length:"u8))
            {
                Utf8Parser.TryParse(line[15..].TrimStart((byte)' '), out length, out _);
            }
        }

        return (status, length);
    }
}
