using System.Diagnostics;
using Jericommerce.Streams.DevKafka;
using Jericommerce.Streams.Observability.Hosting;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>
/// The group protocol against brokers with and without KIP-848: the dev broker's older-broker mode advertises no
/// ConsumerGroupHeartbeat, as Kafka 3.x and several Kafka-compatible services do.
/// </summary>
public sealed class GroupProtocolTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Auto_OnABrokerWithoutKip848_JoinsWithTheClassicProtocol_SaysWhy_AndRoutes()
    {
        await using var older = DevKafkaCluster.Start(new DevKafkaOptions { WithoutKip848 = true });
        var topics = await PipelineTopics.CreateAsync(older);
        using var logs = new CapturedLogs();

        await using var worker = await InProcessWorker.StartAsync(topics.Settings(older.BootstrapServers), logs, LogLevel.Information);
        using (var raw = new RawEvents(older.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(RawRecords.Example("customer-created.valid.json", "evt-group-classic"), "Customer created", cancellationToken: Cancel);
        }

        var landed = await Landed.WaitForAsync(older.BootstrapServers, topics, 1, cancellationToken: Cancel);
        Assert.Equal("evt-group-classic", Landed.IdOf(Assert.Single(landed.Typed)));
        var chosen = Assert.Single(logs.Entries, e => e.EventId == 30);
        Assert.StartsWith("Consumer group protocol: classic, because Worker:GroupProtocol=auto", chosen.Message, StringComparison.Ordinal);
        Assert.Contains("ConsumerGroupHeartbeat not offered", chosen.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_OnABrokerWithKip848_JoinsWithTheConsumerProtocol_AndSaysWhy()
    {
        // The dev broker and the Testcontainers leg's Kafka (4.1.0, as compose) both offer KIP-848.
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        using var logs = new CapturedLogs();

        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers), logs, LogLevel.Information);

        var chosen = Assert.Single(logs.Entries, e => e.EventId == 30);
        Assert.StartsWith("Consumer group protocol: consumer (KIP-848), because Worker:GroupProtocol=auto, and every broker seen offers KIP-848", chosen.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWorkerBinary_WithConsumerOnABrokerWithoutKip848_ExitsWithCode3_NamingTheSettingAndWhatTheBrokerOffers_InOneLine()
    {
        await using var older = DevKafkaCluster.Start(new DevKafkaOptions { WithoutKip848 = true });
        var run = await ChildProcesses.RunAsync(
            ChildProcesses.Dotnet("jcs-worker.dll", new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Kafka__BootstrapServers"] = older.BootstrapServers,
                ["Worker__GroupProtocol"] = "consumer",
            }),
            TimeSpan.FromSeconds(60),
            cancellationToken: Cancel);
        var text = run.Text;

        Assert.Equal(ServiceRunner.CannotStartExitCode, run.ExitCode);
        var line = Assert.Single(text.Split('\n'), l => l.StartsWith("jcs-worker cannot start:", StringComparison.Ordinal));
        Assert.Contains("Worker:GroupProtocol (Worker__GroupProtocol) is 'consumer' (KIP-848)", line, StringComparison.Ordinal);
        Assert.Contains("ConsumerGroupHeartbeat not offered", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
