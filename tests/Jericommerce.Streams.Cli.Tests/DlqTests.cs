using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary><c>jcs dlq list</c> and <c>jcs dlq replay</c> on dead letters written by a real worker.</summary>
public sealed class DlqTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_ShowsEachDeadLetter_AndFiltersByKindTypeTimeAndOffset()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        using (var raw = new RawProducer(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(RawProducer.Event("customer-created.valid.json", "evt-unknown", "cus-1"), "Customer teleported", "cus-1", "req-1");
            await raw.SendAsync(RawProducer.Event("customer-scanned.invalid.missing-shopId.json", "evt-bad-1", "cus-2"), "Customer scanned", "cus-2", "req-2");
            await raw.SendAsync(RawProducer.Event("customer-scanned.invalid.missing-staffMemberId.json", "evt-bad-2", "cus-2"), "Customer scanned", "cus-2", "req-3");
            await raw.SendAsync("not json"u8.ToArray(), "Customer created", null, "req-4");
            await raw.SendAsync(RawProducer.Event("customer-created.valid.json", "evt-good", "cus-3"), "Customer created", "cus-3", "req-5");
        }

        // A closed catalog: with envelope routing on (the default) the unknown type would go to a topic of its own.
        await using (await InProcessWorker.StartAsync(topics.ClosedCatalogSettings(broker.BootstrapServers)))
        {
            Assert.Equal(4, (await TopicReader.ReadAsync(broker.BootstrapServers, topics.DeadLetter, 4, cancellationToken: Cancel)).Count);
        }

        var args = topics.Args(broker.BootstrapServers, raw: false, typed: false);
        var all = await JcsRun.InvokeAsync(["dlq", "list", .. args], Cancel);
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(5, all.Out.Lines.Count);
        Assert.Contains(all.Out.Lines, l => l.Contains($"  {DeadLetterKinds.UnknownEventType}  ", StringComparison.Ordinal) && l.Contains("\"Customer teleported\"  id=evt-unknown  key=cus-1", StringComparison.Ordinal));
        Assert.Contains(all.Out.Lines, l => l.Contains("id=evt-bad-1", StringComparison.Ordinal) && l.Contains("/properties: ", StringComparison.Ordinal));
        Assert.Equal(
            $"4 dead letters in {topics.DeadLetter} (4 read). by kind: schema-violation 2, invalid-json 1, unknown-event-type 1. by type: \"Customer scanned\" 2, \"Customer created\" 1, \"Customer teleported\" 1",
            all.Out.Lines[^1]);

        var byKind = await JcsRun.InvokeAsync(["dlq", "list", "--kind", DeadLetterKinds.SchemaViolation, .. args], Cancel);
        Assert.Equal(2, byKind.Out.Lines.Count(l => l.StartsWith('[')));

        var byType = await JcsRun.InvokeAsync(["dlq", "list", "--type", "CUSTOMER_created", "--type", "customer teleported", "--json", .. args], Cancel);
        var ids = byType.Out.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("eventId").GetString()).ToList();
        Assert.Equal<string?>([null, "evt-unknown"], ids.Order());

        var recent = await JcsRun.InvokeAsync(["dlq", "list", "--since", "1h", "--summary", .. args], Cancel);
        Assert.StartsWith("4 dead letters", Assert.Single(recent.Out.Lines), StringComparison.Ordinal);
        var old = await JcsRun.InvokeAsync(["dlq", "list", "--until", "1h", .. args], Cancel);
        Assert.Equal($"no matching dead letters in {topics.DeadLetter} (4 read)", Assert.Single(old.Out.Lines));

        var range = await JcsRun.InvokeAsync(["dlq", "list", "--from-offset", "1", "--to-offset", "2", "--json", .. args], Cancel);
        Assert.Equal([1L, 2L], range.Out.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("offset").GetInt64()));
    }

    [Fact]
    public async Task Replay_RoutesTheEvent_AndReplayingTwiceRoutesItOnce()
    {
        // One raw partition, so that the replays and the later sentinel event share it (and its dedup window).
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        var typed = topics.TypedTopic("customer-created");
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));

        // A dead letter whose raw original is gone (the raw topic keeps less than the DLQ), with a body the schemas
        // now accept, as after a fix.
        await WriteDeadLetterAsync(topics, "evt-replayed", "customer-created.valid.json", "Customer created");
        string[] replay = ["dlq", "replay", "--kind", DeadLetterKinds.SchemaViolation, .. topics.Args(broker.BootstrapServers, typed: false)];

        var first = await JcsRun.InvokeAsync(replay, Cancel);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal($"replayed 1 dead letter from {topics.DeadLetter} to {topics.Raw}: schema-violation 1", first.Out.Lines[^1]);
        Assert.Equal("evt-replayed", Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, typed, 1, cancellationToken: Cancel)).Message.Headers.GetText(RecordHeaders.EventId));

        var second = await JcsRun.InvokeAsync(replay, Cancel);
        Assert.True(second.ExitCode == 0, second.ToString());

        // A later event in the same raw partition: once it is routed, so was the second replay, if it was going to be.
        using var raw = new RawProducer(broker.BootstrapServers, topics.Raw);
        await raw.SendAsync(RawProducer.Event("customer-created.valid.json", "evt-sentinel", "cus-dlq"), "Customer created", "cus-dlq", "req-sentinel");
        Assert.Equal(["evt-replayed", "evt-sentinel"], await LandedIds.OnceLandedAsync(broker.BootstrapServers, typed, "evt-sentinel", Cancel));
        Assert.Equal(3, await TopicReader.CountAsync(broker.BootstrapServers, topics.Raw, Cancel)); // both replays, and the sentinel
    }

    [Fact]
    public async Task Replay_AfterASchemaFixAndAWorkerRestart_RoutesTheEvent_AndReplayingTwiceRoutesItOnce()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var typed = topics.TypedTopic("customer-created");
        using var raw = new RawProducer(broker.BootstrapServers, topics.Raw);
        var original = await raw.SendAsync(RawProducer.Event("customer-created.valid.json", "evt-replayed", "cus-r"), "Customer created", "cus-r", "req-original");

        // Before the fix: the worker's catalog does not know the type yet.
        await ReducedSchemas.DeadLetterAsync(topics, broker.BootstrapServers, "customer-created", Cancel);

        // After the fix: the same group, the full catalog.
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        string[] replay = ["dlq", "replay", "--kind", DeadLetterKinds.UnknownEventType, .. topics.Args(broker.BootstrapServers, typed: false)];
        var first = await JcsRun.InvokeAsync(replay, Cancel);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal($"replayed 1 dead letter from {topics.DeadLetter} to {topics.Raw}: unknown-event-type 1", first.Out.Lines[^1]);
        Assert.Equal("evt-replayed", Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, typed, 1, cancellationToken: Cancel)).Message.Headers.GetText(RecordHeaders.EventId));

        // The replayed raw record is the original one again, plus the replay marker.
        var rawRecords = await TopicReader.ReadAllAsync(broker.BootstrapServers, topics.Raw, Cancel);
        var replayed = Assert.Single(rawRecords, r => r.Offset != original.Offset || r.Partition != original.Partition);
        Assert.Equal(original.Partition, replayed.Partition);
        Assert.Equal("cus-r", Encoding.UTF8.GetString(replayed.Message.Key!));
        Assert.Equal(original.Message.Value, replayed.Message.Value);
        Assert.Equal(
            original.Message.Headers.Select(h => h.Key).Append(RecordHeaders.ReplayedAt),
            replayed.Message.Headers.Select(h => h.Key));
        Assert.Equal("req-original", replayed.Message.Headers.GetText(RecordHeaders.RequestId));
        Assert.InRange(long.Parse(replayed.Message.Headers.GetText(RecordHeaders.ReplayedAt)!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        var second = await JcsRun.InvokeAsync(replay, Cancel);
        Assert.True(second.ExitCode == 0, second.ToString());

        // A later event of the same customer shares the raw partition: once it is routed, so was the second replay.
        await raw.SendAsync(RawProducer.Event("customer-created.valid.json", "evt-sentinel", "cus-r"), "Customer created", "cus-r", "req-sentinel");
        Assert.Equal(["evt-replayed", "evt-sentinel"], await LandedIds.OnceLandedAsync(broker.BootstrapServers, typed, "evt-sentinel", Cancel));
    }

    [Fact]
    public async Task Replay_DryRun_WritesNothing()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        await WriteDeadLetterAsync(topics, "evt-dry", "customer-scanned.invalid.missing-shopId.json", "Customer scanned");

        var run = await JcsRun.InvokeAsync(["dlq", "replay", "--all", "--dry-run", .. topics.Args(broker.BootstrapServers, typed: false)], Cancel);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("would replay [0]@0 schema-violation \"Customer scanned\" id=evt-dry -> ", run.Out.Lines[0], StringComparison.Ordinal);
        Assert.Equal($"would replay 1 dead letter from {topics.DeadLetter} to {topics.Raw}: schema-violation 1", run.Out.Lines[^1]);
        Assert.Equal(0, await TopicReader.CountAsync(broker.BootstrapServers, topics.Raw, Cancel));
    }

    [Fact]
    public async Task Replay_StripsWhatDeadLetteringAdded_AndGoesBackToTheSourcePartition()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 4);
        await WriteDeadLetterAsync(topics, "evt-strip", "customer-scanned.invalid.missing-shopId.json", "Customer scanned", sourcePartition: 3);

        var run = await JcsRun.InvokeAsync(["dlq", "replay", "--type", "customer-scanned", .. topics.Args(broker.BootstrapServers, typed: false)], Cancel);

        Assert.True(run.ExitCode == 0, run.ToString());
        var replayed = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, topics.Raw, 1, cancellationToken: Cancel));
        Assert.Equal(3, replayed.Partition.Value);
        Assert.Equal(
            [RecordHeaders.EventTypeReceived, RecordHeaders.RequestId, "jc-future-header", RecordHeaders.ReplayedAt],
            replayed.Message.Headers.Select(h => h.Key));
    }


    /// <summary>A dead letter as the worker writes one (with a previous replay marker), straight to the DLQ.</summary>
    private async Task WriteDeadLetterAsync(PipelineTopics topics, string eventId, string example, string eventType, int sourcePartition = 0)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var headers = new Headers()
            .AddText(RecordHeaders.EventTypeReceived, eventType)
            .AddText(RecordHeaders.RequestId, "req-dlq")
            .AddText(RecordHeaders.ReplayedAt, "1700000000000")
            .AddText("jc-future-header", "kept")
            .AddText(RecordHeaders.ErrorKind, DeadLetterKinds.SchemaViolation)
            .AddText(RecordHeaders.ErrorDetail, "/properties: Required properties [\"shopId\"] are not present")
            .AddText("jc-error-attempts", "1")
            .AddNumber(RecordHeaders.FailedAt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
            .AddText(RecordHeaders.SourceTopic, topics.Raw)
            .AddNumber(RecordHeaders.SourcePartition, sourcePartition)
            .AddNumber(RecordHeaders.SourceOffset, 41);
        await producer.ProduceAsync(topics.DeadLetter, new Message<byte[]?, byte[]?>
        {
            Key = "cus-dlq"u8.ToArray(),
            Value = RawProducer.Event(example, eventId, "cus-dlq"),
            Headers = headers,
        }, Cancel);
    }
}
