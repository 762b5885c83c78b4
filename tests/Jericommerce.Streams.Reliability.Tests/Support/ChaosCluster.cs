using System.Net;
using Jericommerce.Streams.DevKafka;

namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>
/// A dev cluster of the test's own (faults never leak into tests beside it), reachable by the service
/// processes through the fixed-address forwarders on free loopback ports.
/// </summary>
internal static class ChaosCluster
{
    public static DevKafkaCluster Start(int brokerCount = 1, TimeSpan? sessionTimeout = null)
    {
        // These proofs break brokers and kill processes: they need the dev broker's controls.
        var mode = Environment.GetEnvironmentVariable(BrokerFixture.ModeVariable)?.Trim();
        Assert.SkipWhen(
            string.Equals(mode, "testcontainers", StringComparison.OrdinalIgnoreCase),
            "The reliability proofs inject faults through the dev broker; this run asked for a real Kafka only.");
        var options = new DevKafkaOptions
        {
            BrokerCount = brokerCount,
            Address = new IPEndPoint(IPAddress.Loopback, 0),
        };
        return DevKafkaCluster.Start(sessionTimeout is { } timeout ? options with { GroupSessionTimeout = timeout } : options);
    }
}
