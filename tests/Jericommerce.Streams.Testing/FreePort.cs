using System.Net;
using System.Net.Sockets;

namespace Jericommerce.Streams.Testing;

/// <summary>Loopback TCP ports nothing listens on at the moment they are picked, for a service or process to bind.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A URL where nothing answers: connections are refused.</summary>
    public static string ClosedUrl(string path = "/webhooks/jericommerce") => $"http://127.0.0.1:{Next()}{path}";
}
