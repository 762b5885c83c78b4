using System.Net;
using Jericommerce.Streams.DevKafka;

namespace Jericommerce.Streams.LoadTests.Serve;

/// <summary>
/// <c>serve broker [--forwarder]</c>: the dev broker (librdkafka's mock cluster, one broker) with every benchmark
/// topic, in a process of its own so that its CPU is measured apart from the generator's. Clients connect to the
/// mock's own listener (no forwarder hop) unless <c>--forwarder</c> puts the fixed-address TCP forwarder that
/// <c>make broker</c> uses in between. Prints <c>READY &lt;bootstrap.servers&gt;</c>; stops when stdin closes.
/// </summary>
internal static class BrokerHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var forwarder = args.Contains("--forwarder");
        await using var cluster = DevKafkaCluster.Start(new DevKafkaOptions
        {
            Address = forwarder ? new IPEndPoint(IPAddress.Loopback, 0) : null,
            Topics = BenchTopics.All(),
        });
        Console.WriteLine($"READY {cluster.BootstrapServers}");
        await StdinWatch.ClosedAsync();
        return 0;
    }
}
