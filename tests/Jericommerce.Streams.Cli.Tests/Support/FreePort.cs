using System.Net;
using System.Net.Sockets;

namespace Jericommerce.Streams.Cli.Tests.Support;

/// <summary>Loopback ports nothing listens on (at the moment they are picked).</summary>
internal static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A URL where nothing answers: connections are refused.</summary>
    public static string ClosedUrl(string path = "/webhooks/jericommerce") => $"http://127.0.0.1:{Next()}{path}";
}
