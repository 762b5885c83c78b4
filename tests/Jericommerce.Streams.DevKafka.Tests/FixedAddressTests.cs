using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Jericommerce.Streams.Testing;

namespace Jericommerce.Streams.DevKafka.Tests;

/// <summary>The dev broker reachable where Kafka tools expect it, from this and other processes.</summary>
public sealed class FixedAddressTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FixedAddress_AdvertisesTheForwardedPorts_AndClientsProduceAndConsumeThroughThem()
    {
        Assert.SkipUnless(broker.Capabilities.FaultInjection, "needs the dev broker");
        await using var cluster = DevKafkaCluster.Start(new DevKafkaOptions
        {
            BrokerCount = 2,
            Address = new IPEndPoint(IPAddress.Loopback, 0),
            Topics = [new TopicSpec("fixed", Partitions: 4)],
        });

        using (var admin = Clients.Admin(cluster.BootstrapServers))
        {
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
            Assert.Equal(
                cluster.Brokers.Select(b => (b.Id, b.Address.Port)).Order(),
                metadata.Brokers.Select(b => (b.BrokerId, b.Port)).Order());
            Assert.All(cluster.Brokers, b => Assert.NotEqual(b.Listener, b.Address));
            Assert.Equal(4, metadata.Topics.Single(t => t.Topic == "fixed").Partitions.Count);
        }

        using (var producer = Clients.Producer(cluster.BootstrapServers))
        {
            for (var i = 0; i < 50; i++)
            {
                producer.Produce("fixed", new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(20)));
        }

        var records = await TopicReader.ReadAsync(cluster.BootstrapServers, "fixed", expected: 50, cancellationToken: Cancel);
        Assert.Equal(50, records.Select(r => System.Text.Encoding.UTF8.GetString(r.Message.Value!)).Distinct().Count());
    }

    [Fact]
    public void FixedAddress_AlreadyInUse_FailsWithAMessageNamingIt()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = (IPEndPoint)squatter.LocalEndpoint;

        var error = Assert.Throws<DevKafkaException>(() => DevKafkaCluster.Start(new DevKafkaOptions { Address = taken }));

        Assert.Contains(taken.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StandaloneBroker_IsUsableFromAnotherProcess_AndListsItsBrokersAndTopics()
    {
        var port = FreePort();
        var start = ChildProcesses.Dotnet("jcs-dev-broker.dll", null, "--address", $"127.0.0.1:{port}", "--topic", "jericommerce.raw:6", "--topic", "other");
        start.RedirectStandardInput = true;
        using var process = ChildProcesses.Start(start);
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Cancel);
            Assert.Equal($"dev Kafka broker ready: bootstrap.servers=127.0.0.1:{port}", ready);

            using var admin = Clients.Admin($"127.0.0.1:{port}");
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
            var only = Assert.Single(metadata.Brokers);
            Assert.Equal(("127.0.0.1", port), (only.Host, only.Port));
            Assert.Equal(6, metadata.Topics.Single(t => t.Topic == "jericommerce.raw").Partitions.Count);
            Assert.Contains(metadata.Topics, t => t.Topic == "other");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Cancel);
        }
    }

    [Fact]
    public async Task StandaloneBroker_WithABadAddress_ExitsNonZeroWithOneClearLine()
    {
        var run = await ChildProcesses.RunAsync(ChildProcesses.Dotnet("jcs-dev-broker.dll", null, "--address", "nine-oh-nine-two"), TimeSpan.FromSeconds(60), cancellationToken: Cancel);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("error: --address 'nine-oh-nine-two' is not host:port (e.g. 127.0.0.1:9092)", run.Error.Trim());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
