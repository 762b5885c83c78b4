namespace Jericommerce.Streams.Worker.Tests;

/// <summary>Jericommerce re-sends an event it got no 2xx for: the same id is routed once.</summary>
public sealed class DedupTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SameEventTwice_IsRoutedOnce()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        using var raw = new RawEvents(broker.BootstrapServers, topics.Raw);
        var body = RawEvents.CustomerScanned("evt-twice", "cus-1", 1);
        await raw.SendAsync(body, "Customer scanned", cancellationToken: Cancel);
        await raw.SendAsync(body, "Customer scanned", cancellationToken: Cancel);
        await raw.SendAsync(RawEvents.CustomerScanned("evt-other", "cus-1", 2), "Customer scanned", cancellationToken: Cancel);

        // The last event is the same customer's, so the same partition's: once it has landed, the duplicate was decided.
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 2, cancellationToken: Cancel);

        Assert.Equal(["evt-twice", "evt-other"], landed.Typed.Select(Landed.IdOf));
    }

    /// <param name="fromAnOlderIngress">
    /// Raw records without the jc-event-id header (an ingress from before it): the rebuild then classifies them and
    /// reads their ids from the bodies; with it, it takes the ids from the header.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SameEventAgainAfterAGracefulRestart_IsNotRoutedAgain(bool fromAnOlderIngress)
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        using var raw = new RawEvents(broker.BootstrapServers, topics.Raw) { AsAnOlderIngress = fromAnOlderIngress };
        var body = RawEvents.CustomerScanned("evt-restart", "cus-2", 1);
        await raw.SendAsync(body, "Customer scanned", cancellationToken: Cancel);
        await using (var first = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers)))
        {
            Assert.Single((await Landed.WaitForAsync(broker.BootstrapServers, topics, 1, cancellationToken: Cancel)).Typed);
        }

        await raw.SendAsync(body, "Customer scanned", cancellationToken: Cancel);
        await raw.SendAsync(RawEvents.CustomerScanned("evt-after", "cus-2", 2), "Customer scanned", cancellationToken: Cancel);
        await using var second = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 2, cancellationToken: Cancel);

        Assert.Equal(["evt-restart", "evt-after"], landed.Typed.Select(Landed.IdOf));
    }

    [Fact]
    public async Task SameEventAfterItsPartitionMovedToAnotherWorker_IsNotRoutedAgain()
    {
        // One raw partition: whichever worker owns it after the hand-over must know what the other routed.
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        using var raw = new RawEvents(broker.BootstrapServers, topics.Raw);
        var body = RawEvents.CustomerScanned("evt-moved", "cus-3", 1);
        await raw.SendAsync(body, "Customer scanned", cancellationToken: Cancel);

        var first = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        Assert.Single((await Landed.WaitForAsync(broker.BootstrapServers, topics, 1, cancellationToken: Cancel)).Typed);
        await using var second = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        await first.DisposeAsync();

        // The first worker routed the event and left: the partition is now the second's.
        await raw.SendAsync(body, "Customer scanned", cancellationToken: Cancel);
        await raw.SendAsync(RawEvents.CustomerScanned("evt-sentinel", "cus-3", 2), "Customer scanned", cancellationToken: Cancel);
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 2, cancellationToken: Cancel);

        Assert.Equal(["evt-moved", "evt-sentinel"], landed.Typed.Select(Landed.IdOf));
    }
}
