using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>
/// HTTP over a bare <see cref="TcpClient"/>: sends exactly the bytes given (malformed ones too),
/// optionally in slices with pauses (a slow client), optionally half-closing the connection after
/// them (a truncated upload), and reads whatever comes back until the server closes or a deadline.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(
        int port,
        byte[] request,
        CancellationToken cancellationToken,
        int sliceBytes = 0,
        TimeSpan sliceDelay = default,
        int sendAtOnce = 0,
        bool halfClose = false,
        TimeSpan? readTimeout = null)
    {
        using var client = new TcpClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(readTimeout ?? TimeSpan.FromSeconds(30));
        await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
        var stream = client.GetStream();
        try
        {
            if (sliceBytes <= 0)
            {
                await stream.WriteAsync(request, deadline.Token);
            }
            else
            {
                await stream.WriteAsync(request.AsMemory(0, sendAtOnce), deadline.Token);
                for (var at = sendAtOnce; at < request.Length; at += sliceBytes)
                {
                    await stream.WriteAsync(request.AsMemory(at, Math.Min(sliceBytes, request.Length - at)), deadline.Token);
                    // Deliberate pacing: a slow client's upload rate.
                    await Task.Delay(sliceDelay, deadline.Token);
                }
            }

            if (halfClose)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The server gave up on us (a limit, a timeout) while we were still sending: read its answer, if any.
        }

        return await ReadAsync(stream, deadline.Token, cancellationToken);
    }

    private static async Task<RawResponse> ReadAsync(NetworkStream stream, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var ended = true;
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, deadline);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
                if (IsComplete(received))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing more within the deadline: what arrived is the answer, and the server did not end it.
            ended = false;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // Reset by the server.
        }

        var text = WithoutInterimResponses(Encoding.Latin1.GetString(received.ToArray()));
        return new RawResponse(StatusOf(text), text, ended);
    }

    /// <summary>A whole response: headers and, when it says so, a body of its Content-Length (or the last chunk).</summary>
    private static bool IsComplete(MemoryStream received)
    {
        var text = WithoutInterimResponses(Encoding.Latin1.GetString(received.GetBuffer(), 0, (int)received.Length));
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var head = text[..end];
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line.AsSpan("content-length:".Length).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var length))
            {
                return text.Length - end - 4 >= length;
            }

            if (line.StartsWith("transfer-encoding:", StringComparison.OrdinalIgnoreCase))
            {
                return text.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
            }
        }

        // No body framing: 204/304, or a body until close (then the read ends at close).
        return StatusOf(text) is 204 or 304;
    }

    /// <summary>Drops "100 Continue" and other interim answers that come before the final one.</summary>
    private static string WithoutInterimResponses(string text)
    {
        while (StatusOf(text) is >= 100 and < 200 && text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and >= 0)
        {
            text = text[(end + 4)..];
        }

        return text;
    }

    private static int StatusOf(string text) =>
        text.StartsWith("HTTP/1.", StringComparison.Ordinal) && text.Length >= 12
            && int.TryParse(text.AsSpan(9, 3), NumberStyles.Integer, CultureInfo.InvariantCulture, out var status)
            ? status
            : 0;
}
