using System.Text.Json.Nodes;

namespace Jericommerce.Streams.Worker.Tests;

public sealed class OrderingTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThousandEventsOverFiftyCustomers_KeepEachCustomersOrderInTheTypedTopic()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 4, typedPartitions: 3);
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            for (var i = 0; i < 1000; i++)
            {
                raw.Send(RawEvents.CustomerScanned($"evt-{i}", $"cus-{i % 50}", i), "Customer scanned");
            }

            raw.Flush();
        }

        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 1000, cancellationToken: Cancel);

        Assert.Equal(1000, landed.Typed.Count);
        Assert.Equal(50, landed.Typed.GroupBy(r => Landed.Text(r.Message.Key)).Count());
        foreach (var customer in landed.Typed.GroupBy(r => Landed.Text(r.Message.Key)))
        {
            var inTopicOrder = customer.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value).ToList();
            Assert.Single(inTopicOrder.Select(r => r.Partition.Value).Distinct());
            var sequence = inTopicOrder.Select(r => JsonNode.Parse(r.Message.Value)!["sequence"]!.GetValue<int>()).ToList();
            Assert.Equal(sequence.Order(), sequence);
        }
    }
}
