using System.Net;
using System.Net.Sockets;

namespace Jericommerce.Streams.DevKafka;

/// <summary>
/// Listens on a fixed address and pipes every connection to one upstream address. The mock cluster
/// always listens on a random port; this is what makes it reachable where Kafka tools expect it.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Socket _listener;
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly Lock _gate = new();
    private readonly HashSet<Socket> _open = [];

    private TcpForwarder(Socket listener, IPEndPoint upstream)
    {
        _listener = listener;
        _upstream = upstream;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The address actually listened on (the chosen port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public static TcpForwarder Start(IPEndPoint listenOn, IPEndPoint upstream)
    {
        var listener = new Socket(listenOn.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // A restarted dev broker must be able to take its well-known port back at once.
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(listenOn);
            listener.Listen(512);
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new DevKafkaException($"Cannot listen on {listenOn}: {ex.Message} (is another broker already running there?)", ex);
        }

        return new TcpForwarder(listener, upstream);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            _ = Task.Run(() => PipeAsync(client));
        }
    }

    private async Task PipeAsync(Socket client)
    {
        client.NoDelay = true;
        using var upstream = new Socket(_upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Track(client, add: true);
        Track(upstream, add: true);
        try
        {
            await upstream.ConnectAsync(_upstream, _stopping.Token);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var toUpstream = CopyAsync(client, upstream, linked.Token);
            var toClient = CopyAsync(upstream, client, linked.Token);
            await Task.WhenAny(toUpstream, toClient);

            // Either side closing ends the connection, exactly as a broker that drops it would.
            await linked.CancelAsync();
            await Task.WhenAll(toUpstream, toClient);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The broker is down or the forwarder is stopping: the client sees a closed connection.
        }
        finally
        {
            Track(client, add: false);
            Track(upstream, add: false);
            client.Dispose();
        }
    }

    private static async Task CopyAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(BufferSize);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                var sent = 0;
                while (sent < read)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Connection ended from either side.
        }
        finally
        {
            try
            {
                to.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }
        }
    }

    private void Track(Socket socket, bool add)
    {
        lock (_gate)
        {
            if (add)
            {
                _open.Add(socket);
            }
            else
            {
                _open.Remove(socket);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Dispose();
        Socket[] open;
        lock (_gate)
        {
            open = [.. _open];
        }

        foreach (var socket in open)
        {
            socket.Dispose();
        }

        await _acceptLoop;
        _stopping.Dispose();
    }
}
