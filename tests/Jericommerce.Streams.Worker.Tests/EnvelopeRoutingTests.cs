using System.Text;
using Jericommerce.Streams.Worker.Routing;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>Types outside the catalog: to a topic of their own when their envelope is sound, never silently anywhere else.</summary>
public sealed class EnvelopeRoutingTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    internal static byte[] Event(string id, string customerId = "cus-env", string properties = """{"rewardTitle":"Free coffee"}""") =>
        Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","customerId":"{{customerId}}","createdAt":"2025-03-14T09:26:53.589Z","properties":{{properties}}}""");

    [Fact]
    public async Task Route_WhenTypeIsOutsideTheCatalogButEnvelopeIsSound_GoesToItsOwnTopic()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var reward = Event("evt-reward-1", "cus-7");
        var logs = new CapturedLogs();
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(reward, "Reward redeemed", cancellationToken: Cancel);
            await raw.SendAsync(Event("evt-reward-2", "cus-8"), "reward_REDEEMED", cancellationToken: Cancel);
            await raw.SendAsync(RawEvents.Example("customer-created.valid.json"), "Customer created", cancellationToken: Cancel);
        }

        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers), logs);
        var routed = await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topics.EnvelopeTopic("reward-redeemed"), 2, Cancel);
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 1, cancellationToken: Cancel);

        Assert.Empty(landed.DeadLetters);
        Assert.Equal(2, routed.Count);
        var first = Assert.Single(routed, r => r.Message.Value!.AsSpan().SequenceEqual(reward));
        Assert.Equal("cus-7", Landed.Text(first.Message.Key));
        Assert.Equal("reward-redeemed", Landed.Header(first, RecordHeaders.EventType));
        Assert.Equal(Contracts.Envelope, Landed.Header(first, RecordHeaders.Contract));
        Assert.Equal("base.v1.schema.json", Landed.Header(first, RecordHeaders.Schema));
        Assert.Equal("1", Landed.Header(first, RecordHeaders.SchemaVersion));
        Assert.Equal("evt-reward-1", Landed.Header(first, RecordHeaders.EventId));
        Assert.Equal(topics.Raw, Landed.Header(first, RecordHeaders.SourceTopic));

        var catalogued = Assert.Single(landed.Typed);
        Assert.Equal(Contracts.Full, Landed.Header(catalogued, RecordHeaders.Contract));
        Assert.Equal("customer-created.v1.schema.json", Landed.Header(catalogued, RecordHeaders.Schema));

        // One announcement per type, however it is spelt, naming the topic.
        var seen = Assert.Single(logs.Entries, e => e.EventId == 600);
        Assert.Equal(LogLevel.Warning, seen.Level);
        Assert.Contains(topics.EnvelopeTopic("reward-redeemed"), seen.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_WhenTypeIsOutsideTheCatalogAndEnvelopeIsBroken_IsASchemaViolationDeadLetter_AndAnnouncesNoType()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var logs = new CapturedLogs();
        var broken = Encoding.UTF8.GetBytes("""{"id":"evt-broken","customerId":"cus-1","createdAt":"yesterday","properties":[]}""");
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(broken, "Tier changed", cancellationToken: Cancel);
            await raw.SendAsync("{\"id\": \"trunc"u8.ToArray(), "Tier changed", key: "cus-1", cancellationToken: Cancel);
        }

        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers), logs);
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 2, cancellationToken: Cancel);

        Assert.Empty(landed.Typed);
        var kinds = landed.DeadLetters.OrderBy(r => long.Parse(Landed.Header(r, RecordHeaders.SourceOffset), null)).Select(r => Landed.Header(r, RecordHeaders.ErrorKind));
        Assert.Equal([DeadLetterKinds.SchemaViolation, DeadLetterKinds.InvalidJson], kinds);
        var violation = landed.DeadLetters.Single(r => Landed.Header(r, RecordHeaders.ErrorKind) == DeadLetterKinds.SchemaViolation);
        Assert.Contains("/createdAt", Landed.Header(violation, RecordHeaders.ErrorDetail), StringComparison.Ordinal);
        Assert.Contains("/properties", Landed.Header(violation, RecordHeaders.ErrorDetail), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.EventId == 600);
        Assert.False(TopicWait.Exists(broker.BootstrapServers, topics.EnvelopeTopic("tier-changed")));
    }

    public static TheoryData<string, string> UnusableHeaders => new()
    {
        { "only separators", " --__ - " },
        { "non-ASCII", "Kundenbestätigung" },
        { "path-like", "../../etc/passwd" },
        { "dotted like a topic", "jericommerce.dlq" },
        { "10,000 characters", new string('x', 10_000) },
        { "mimics the dead-letter topic", "DLQ" },
        { "mimics the raw topic", "raw" },
    };

    [Theory]
    [MemberData(nameof(UnusableHeaders))]
    public async Task Route_WhenTheHeaderMakesNoUsableTopicName_IsAnUnknownEventTypeDeadLetter(string why, string header)
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        var body = Event("evt-unusable");
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(body, header, cancellationToken: Cancel);
        }

        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 1, cancellationToken: Cancel);

        Assert.Empty(landed.Typed);
        var letter = Assert.Single(landed.DeadLetters);
        Assert.True(DeadLetterKinds.UnknownEventType == Landed.Header(letter, RecordHeaders.ErrorKind), why);
        Assert.True(letter.Message.Value!.AsSpan().SequenceEqual(body), why);
        Assert.Equal(header, Landed.Header(letter, RecordHeaders.EventTypeReceived));
        Assert.InRange(Encoding.UTF8.GetByteCount(Landed.Header(letter, RecordHeaders.ErrorDetail)), 1, 2_048);
    }

    [Fact]
    public async Task Route_WhenTheCapOnTypesOutsideTheCatalogIsReached_FurtherTypesAreUnknownEventTypeDeadLetters_AndAdmittedOnesKeepFlowing()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(Event("evt-a1"), "Referral completed", cancellationToken: Cancel);
            await raw.SendAsync(Event("evt-b1"), "Campaign joined", cancellationToken: Cancel);
            await raw.SendAsync(Event("evt-c1"), "Account verified", cancellationToken: Cancel);
            await raw.SendAsync(Event("evt-a2"), "Referral completed", cancellationToken: Cancel);
        }

        var settings = topics.Settings(broker.BootstrapServers);
        settings["Worker:EnvelopeRoutingMaxTypes"] = "2";
        await using var worker = await InProcessWorker.StartAsync(settings);
        var referrals = await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topics.EnvelopeTopic("referral-completed"), 2, Cancel);
        var campaigns = await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topics.EnvelopeTopic("campaign-joined"), 1, Cancel);
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 1, cancellationToken: Cancel);

        Assert.Equal(["evt-a1", "evt-a2"], referrals.Select(Landed.IdOf));
        Assert.Equal(["evt-b1"], campaigns.Select(Landed.IdOf));
        var letter = Assert.Single(landed.DeadLetters);
        Assert.Equal("evt-c1", Landed.IdOf(letter));
        Assert.Equal(DeadLetterKinds.UnknownEventType, Landed.Header(letter, RecordHeaders.ErrorKind));
        Assert.Contains("Worker:EnvelopeRoutingMaxTypes", Landed.Header(letter, RecordHeaders.ErrorDetail), StringComparison.Ordinal);
        Assert.False(TopicWait.Exists(broker.BootstrapServers, topics.EnvelopeTopic("account-verified")));
    }

    [Fact]
    public async Task Route_WhenEnvelopeRoutingIsOff_TypesOutsideTheCatalogAreUnknownEventTypeDeadLettersAsBefore()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        var body = Event("evt-closed");
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(body, "Customer teleported", cancellationToken: Cancel);
        }

        await using var worker = await InProcessWorker.StartAsync(topics.ClosedCatalogSettings(broker.BootstrapServers));
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 1, cancellationToken: Cancel);

        Assert.Empty(landed.Typed);
        var letter = Assert.Single(landed.DeadLetters);
        Assert.Equal(DeadLetterKinds.UnknownEventType, Landed.Header(letter, RecordHeaders.ErrorKind));
        Assert.Contains("Customer teleported", Landed.Header(letter, RecordHeaders.ErrorDetail), StringComparison.Ordinal);
        Assert.Contains("Worker:EnvelopeRouting is off", Landed.Header(letter, RecordHeaders.ErrorDetail), StringComparison.Ordinal);
        Assert.False(TopicWait.Exists(broker.BootstrapServers, topics.EnvelopeTopic("customer-teleported")));
    }

    [Fact]
    public async Task Route_RetriesOfAnEnvelopeRoutedEvent_AreDeduplicated_AlsoAfterAWorkerRestart()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        var topic = topics.EnvelopeTopic("check-in");
        using var raw = new RawEvents(broker.BootstrapServers, topics.Raw);
        await raw.SendAsync(Event("evt-dup-1"), "Check in", cancellationToken: Cancel);
        await raw.SendAsync(Event("evt-dup-1"), "check_in", cancellationToken: Cancel);
        await using (var first = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers)))
        {
            await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topic, 1, Cancel);
        }

        // The sender retries after the restart: the window rebuilt from the raw log still knows the id. A new event of
        // the same customer follows it, so once that one has landed the retry was decided.
        await raw.SendAsync(Event("evt-dup-1"), "Check in", cancellationToken: Cancel);
        await raw.SendAsync(Event("evt-dup-2"), "Check in", cancellationToken: Cancel);
        await using var second = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        var routed = await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topic, 2, Cancel);

        Assert.Equal(["evt-dup-1", "evt-dup-2"], routed.Select(Landed.IdOf));
    }

    [Fact]
    public async Task Route_AfterItsSchemaIsAdoptedAndTheWorkerRestarted_ATypeKeepsItsTopic_IsCheckedAgainstTheNewSchema_AndARedeliveryFromBeforeIsADuplicate()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        var topic = topics.EnvelopeTopic("reward-redeemed");
        using var raw = new RawEvents(broker.BootstrapServers, topics.Raw);
        var before = Event("evt-adopt-1");
        await raw.SendAsync(before, "Reward redeemed", cancellationToken: Cancel);
        await using (var first = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers)))
        {
            await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topic, 1, Cancel);
        }

        // Adopted (infer, review, check, commit), then the worker restarts on the new catalog. The sender re-delivers the
        // event routed on its envelope before; events of the same customer follow it, so once the last has landed the
        // re-delivery was decided.
        using var adopted = new AdoptedSchemas("reward-redeemed", "Reward redeemed", """{ "required": ["rewardTitle"], "properties": { "rewardTitle": { "type": "string" } } }""");
        await raw.SendAsync(before, "Reward redeemed", cancellationToken: Cancel);
        await raw.SendAsync(Event("evt-adopt-2"), "reward_redeemed", cancellationToken: Cancel);
        await raw.SendAsync(Event("evt-adopt-3", properties: """{"points":5}"""), "Reward redeemed", cancellationToken: Cancel);
        await raw.SendAsync(Event("evt-adopt-4"), "Reward redeemed", cancellationToken: Cancel);
        var settings = topics.Settings(broker.BootstrapServers);
        settings["Worker:SchemasPath"] = adopted.Path;
        await using var second = await InProcessWorker.StartAsync(settings);
        var routed = await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topic, 3, Cancel);
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 1, cancellationToken: Cancel);

        Assert.Equal(
            [("evt-adopt-1", Contracts.Envelope, "base.v1.schema.json"), ("evt-adopt-2", Contracts.Full, adopted.SchemaFile), ("evt-adopt-4", Contracts.Full, adopted.SchemaFile)],
            routed.Select(r => (Landed.IdOf(r), Landed.Header(r, RecordHeaders.Contract), Landed.Header(r, RecordHeaders.Schema))));
        Assert.All(routed.Skip(1), r => Assert.Equal("reward-redeemed", Landed.Header(r, RecordHeaders.EventType)));
        var letter = Assert.Single(landed.DeadLetters);
        Assert.Equal("evt-adopt-3", Landed.IdOf(letter));
        Assert.Equal(DeadLetterKinds.SchemaViolation, Landed.Header(letter, RecordHeaders.ErrorKind));
        Assert.Contains("/properties", Landed.Header(letter, RecordHeaders.ErrorDetail), StringComparison.Ordinal);
    }
}
