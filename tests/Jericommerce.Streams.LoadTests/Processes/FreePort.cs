using System.Net;
using System.Net.Sockets;

namespace Jericommerce.Streams.LoadTests.Processes;

/// <summary>A loopback port nobody listens on right now, for a child's Kestrel.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
