using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary>
/// A worker restarted after a dead letter's cause was fixed rebuilds its dedup window from what it wrote, not from
/// what today's schemas and topics would route: a replay of an event that was dead-lettered is routed once, and a
/// replay of one that was routed is still dropped.
/// </summary>
public sealed class ReplayAfterRestartTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replay_OfAnEventARetryRoutedAfterTheFix_IsDroppedAsADuplicate_AfterARestart()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var typed = topics.TypedTopic("customer-created");
        using var raw = new RawProducer(broker.BootstrapServers, topics.Raw);
        var body = RawProducer.Event("customer-created.valid.json", "evt-routed", "cus-routed");
        await raw.SendAsync(body, "Customer created", "cus-routed", "req-original");
        await ReducedSchemas.DeadLetterAsync(topics, broker.BootstrapServers, "customer-created", Cancel);

        // After the fix Jericommerce retries the same event, which is routed; then the worker restarts.
        await using (await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers)))
        {
            await raw.SendAsync(body, "Customer created", "cus-routed", "req-retry");
            Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, typed, 1, cancellationToken: Cancel));
        }

        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        var replay = await JcsRun.InvokeAsync(["dlq", "replay", "--kind", DeadLetterKinds.UnknownEventType, .. topics.Args(broker.BootstrapServers, typed: false)], Cancel);
        Assert.True(replay.ExitCode == 0, replay.ToString());

        // A later event of the same customer shares the raw partition: once it is routed, so was the replay, if it was going to be.
        await raw.SendAsync(RawProducer.Event("customer-created.valid.json", "evt-sentinel", "cus-routed"), "Customer created", "cus-routed", "req-sentinel");
        Assert.Equal(["evt-routed", "evt-sentinel"], await LandedIds.OnceLandedAsync(broker.BootstrapServers, typed, "evt-sentinel", Cancel));
    }

    [Fact]
    public async Task Replay_OfATypedTopicMissingDeadLetter_AfterTheTopicIsCreatedAndARestart_RoutesTheEventOnce()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var settings = new Dictionary<string, string?>(topics.Settings(broker.BootstrapServers)) { ["Worker:NewTopicCreation"] = "off" };
        var topic = $"{topics.Prefix}.reward-redeemed.v1";
        using var raw = new RawProducer(broker.BootstrapServers, topics.Raw);
        await raw.SendAsync(RawProducer.Event("customer-created.valid.json", "evt-new-type", "cus-new"), "Reward redeemed", "cus-new", "req-original");
        await using (await InProcessWorker.StartAsync(settings))
        {
            var letter = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, topics.DeadLetter, 1, cancellationToken: Cancel));
            Assert.Equal(DeadLetterKinds.TypedTopicMissing, letter.Message.Headers.GetText(RecordHeaders.ErrorKind));
        }

        // The operator creates the topic, the worker restarts (a deployment), then the dead letters are replayed, twice.
        await broker.Broker.CreateTopicAsync(topic, 2);
        await using var worker = await InProcessWorker.StartAsync(settings);
        string[] replay = ["dlq", "replay", "--kind", DeadLetterKinds.TypedTopicMissing, .. topics.Args(broker.BootstrapServers, typed: false)];
        var first = await JcsRun.InvokeAsync(replay, Cancel);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("evt-new-type", Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, topic, 1, cancellationToken: Cancel)).Message.Headers.GetText(RecordHeaders.EventId));
        var second = await JcsRun.InvokeAsync(replay, Cancel);
        Assert.True(second.ExitCode == 0, second.ToString());

        await raw.SendAsync(RawProducer.Event("customer-created.valid.json", "evt-sentinel", "cus-new"), "Reward redeemed", "cus-new", "req-sentinel");
        Assert.Equal(["evt-new-type", "evt-sentinel"], await LandedIds.OnceLandedAsync(broker.BootstrapServers, topic, "evt-sentinel", Cancel));
    }
}
