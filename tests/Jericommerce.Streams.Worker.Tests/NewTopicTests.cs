using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>The topic of a type outside the catalog: made on first sight when allowed, and otherwise nothing is lost nor stalled.</summary>
public sealed class NewTopicTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewType_WhenTheBrokerCreatesTopics_ItsTopicIsMadeOnFirstSight()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        var topic = topics.EnvelopeTopic("tier-changed");
        var logs = new CapturedLogs();
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(EnvelopeRoutingTests.Event("evt-tier-1", properties: """{"previousTier":"Silver","currentTier":"Gold"}"""), "Tier changed", cancellationToken: Cancel);
        }

        var settings = topics.Settings(broker.BootstrapServers);
        settings["Worker:NewTopicCreation"] = "broker";
        await using var worker = await InProcessWorker.StartAsync(settings, logs);
        var routed = await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topic, 1, Cancel);

        Assert.Equal("evt-tier-1", Landed.IdOf(Assert.Single(routed)));
        Assert.Contains(logs.Entries, e => e.EventId == 610 && e.Message.Contains(topic, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewType_WhenItsTopicIsMissingAndMayNotBeCreated_IsATypedTopicMissingDeadLetter_OtherTypesFlow_AndItIsRoutedOnceTheTopicExists()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        var topic = topics.EnvelopeTopic("account-verified");
        var missed = EnvelopeRoutingTests.Event("evt-verified-1", "cus-v");
        using var raw = new RawEvents(broker.BootstrapServers, topics.Raw);
        await raw.SendAsync(missed, "Account verified", cancellationToken: Cancel);
        await raw.SendAsync(RawEvents.CustomerScanned("evt-scan-after", "cus-v", 1), "Customer scanned", cancellationToken: Cancel);

        var settings = topics.Settings(broker.BootstrapServers);
        settings["Worker:NewTopicCreation"] = "off";
        settings["Worker:NewTopicRecheckInterval"] = "00:00:01";
        await using var worker = await InProcessWorker.StartAsync(settings);
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 2, cancellationToken: Cancel);

        var letter = Assert.Single(landed.DeadLetters);
        Assert.Equal(DeadLetterKinds.TypedTopicMissing, Landed.Header(letter, RecordHeaders.ErrorKind));
        Assert.Contains(topic, Landed.Header(letter, RecordHeaders.ErrorDetail), StringComparison.Ordinal);
        Assert.True(letter.Message.Value!.AsSpan().SequenceEqual(missed));
        Assert.Equal("evt-scan-after", Landed.IdOf(Assert.Single(landed.Typed)));
        Assert.False(TopicWait.Exists(broker.BootstrapServers, topic));

        // An operator creates the topic and replays the dead letter: it was never routed, so dedup lets it through.
        // The worker looks the topic up again only once its recheck interval (1 s here) has passed since it found it missing.
        await broker.Broker.CreateTopicAsync(topic, 2);
        var failedAt = long.Parse(Landed.Header(letter, RecordHeaders.FailedAt), System.Globalization.CultureInfo.InvariantCulture);
        var sinceFailure = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds(failedAt);

        // Deliberate pacing: nothing shows that the interval has passed but the clock, so the replay waits it out.
        if (sinceFailure < TimeSpan.FromMilliseconds(1_500))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1_500) - sinceFailure, Cancel);
        }

        await raw.SendAsync(missed, "Account verified", cancellationToken: Cancel);
        var routed = await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topic, 1, Cancel);
        Assert.Equal("evt-verified-1", Landed.IdOf(Assert.Single(routed)));
    }

    [Fact]
    public async Task NewType_WhenCreatingItsTopicIsRefused_IsATypedTopicMissingDeadLetter_NamingWhy()
    {
        // The dev broker has no CreateTopics: like a cluster that denies the worker the CREATE permission.
        Assert.SkipWhen(broker.Capabilities.CreateTopicsApi, $"{broker.Capabilities.Name} would create the topic.");
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(EnvelopeRoutingTests.Event("evt-ref-1"), "Referral completed", cancellationToken: Cancel);
        }

        var settings = topics.Settings(broker.BootstrapServers);
        settings["Worker:NewTopicCreation"] = "admin";
        await using var worker = await InProcessWorker.StartAsync(settings);
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 1, cancellationToken: Cancel);

        var letter = Assert.Single(landed.DeadLetters);
        Assert.Equal(DeadLetterKinds.TypedTopicMissing, Landed.Header(letter, RecordHeaders.ErrorKind));
        Assert.Contains(topics.EnvelopeTopic("referral-completed"), Landed.Header(letter, RecordHeaders.ErrorDetail), StringComparison.Ordinal);
        Assert.False(TopicWait.Exists(broker.BootstrapServers, topics.EnvelopeTopic("referral-completed")));
    }
}
