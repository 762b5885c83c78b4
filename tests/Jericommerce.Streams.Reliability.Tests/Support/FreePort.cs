using System.Net;
using System.Net.Sockets;

namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>A loopback TCP port nobody listens on right now, for a service process to bind.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
