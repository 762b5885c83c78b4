using System.Net;

namespace Jericommerce.Streams.LoadTests.Load;

/// <summary>Opens many connections to one server, a few at a time.</summary>
internal static class ConnectionPool
{
    public static async Task<RawHttpConnection[]> OpenAsync(IPEndPoint endpoint, int count, CancellationToken cancellationToken)
    {
        var connections = new RawHttpConnection[count];
        for (var i = 0; i < count; i += 16)
        {
            var batch = Enumerable.Range(i, Math.Min(16, count - i)).Select(async index => connections[index] = await RawHttpConnection.OpenAsync(endpoint, cancellationToken));
            await Task.WhenAll(batch);
        }

        return connections;
    }
}
