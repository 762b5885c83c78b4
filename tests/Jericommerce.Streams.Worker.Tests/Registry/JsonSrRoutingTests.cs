using System.Text;
using Jericommerce.Streams.SchemaRegistry;
using Jericommerce.Streams.Testing.Registry;
using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Worker.Tests.Registry;

/// <summary>Typed topics in the Confluent wire format, end to end through the broker, against the fake registry.</summary>
public sealed class JsonSrRoutingTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JsonSr_EachTypedRecordIsTheOriginalBytesBehindItsSubjectsSchemaId_ReadableByConfluentsDeserializer_AndTheDlqStaysPlain()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers).JsonSr(registry.Url));
        var events = await SampleEvents.SendOneOfEachTypeAsync(broker.BootstrapServers, topics.Raw, Cancel);
        var invalid = Encoding.UTF8.GetBytes("""{"id":"evt-bad","customerId":"cus-1","createdAt":"2025-03-14T09:26:53Z","properties":{}}""");
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(invalid, "Customer scanned", cancellationToken: Cancel);
        }

        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, events.Count + 1, cancellationToken: Cancel);
        var registryTraffic = registry.Requests;

        Assert.Equal(events.Count, landed.Typed.Count);
        using var consumerClient = SchemaRegistryClientFactory.Create(new SchemaRegistryOptions { Url = registry.Url });
        foreach (var record in landed.Typed)
        {
            var (schemaId, payload) = Framed.Split(record);
            var sent = events.Single(e => e.Id == Framed.IdOf(record));
            Assert.Equal(sent.Body, payload);
            Assert.Equal(registry.LatestId(record.Topic + "-value"), schemaId);
            Assert.Equal(SampleEvents.TypeOf(record.Topic).Slug, Landed.Header(record, RecordHeaders.EventType));
            var read = await Framed.DeserializeAsync(consumerClient, record);
            Assert.Equal(sent.Id, (string?)read["id"]);
        }

        var deadLetter = Assert.Single(landed.DeadLetters);
        Assert.Equal(invalid, deadLetter.Message.Value);
        Assert.Equal(DeadLetterKinds.SchemaViolation, Landed.Header(deadLetter, RecordHeaders.ErrorKind));

        // One registration and one lookup per typed topic at start-up, nothing per record.
        Assert.Equal(2 * PipelineTopics.Catalog.EventTypes.Count, registryTraffic.Count);
        Assert.All(registryTraffic, r => Assert.StartsWith("POST /subjects/" + topics.Prefix + ".", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_TheDefault_WritesTheOriginalBytes_AndNeverAsksTheRegistry()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var settings = topics.Settings(broker.BootstrapServers);
        settings["SchemaRegistry:Url"] = registry.Url;
        await using var worker = await InProcessWorker.StartAsync(settings);
        var events = await SampleEvents.SendOneOfEachTypeAsync(broker.BootstrapServers, topics.Raw, Cancel);

        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, events.Count, cancellationToken: Cancel);

        Assert.Equal(events.Count, landed.Typed.Count);
        Assert.All(landed.Typed, record => Assert.Equal(events.Single(e => e.Id == Landed.IdOf(record)).Body, record.Message.Value));
        Assert.Empty(registry.Requests);
    }

    [Fact]
    public async Task RegistryDownAtStartup_TheWorkerStartsAnyway_HoldsTypedRecords_ThenWritesEachOnceWhenItIsBack_DeadLetteringNoGoodEvent()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        await registry.StopAsync();
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var settings = topics.Settings(broker.BootstrapServers).JsonSr(registry.Url);
        settings["SchemaRegistry:StartupTimeout"] = "00:00:01";
        await using var worker = await InProcessWorker.StartAsync(settings);
        using var measurements = new WorkerMeasurements(worker.Services);
        var load = new LoadGenerator();
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            await load.RunAsync(raw, 200, 2_000, Cancel);
        }

        await Eventually.UntilAsync(() => measurements.Total("jcs.worker.produce.retries") > 0, "the worker to retry a typed write while the registry is down", TimeSpan.FromSeconds(30), Cancel);

        var typedWhileDown = await TopicReader.CountAsync(broker.BootstrapServers, topics.Typed.ToList(), Cancel);
        await registry.StartAsync();
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 200, cancellationToken: Cancel);

        Assert.True(measurements.Total("jcs.worker.produce.retries") > 0, "the worker never tried to write a typed record while the registry was down");
        Assert.Equal(0, typedWhileDown);
        AssertEachValidIdTypedOnce_AndOnlyInvalidOnesDeadLettered(load, landed);
        Assert.All(landed.Typed, record => Assert.Equal(registry.LatestId(record.Topic + "-value"), Framed.Split(record).SchemaId));
    }

    [Fact]
    public async Task RegistryUnavailableMidStream_ATopicWrittenForTheFirstTimeWaits_ThenEverythingArrivesOnce()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var settings = topics.Settings(broker.BootstrapServers).JsonSr(registry.Url);

        // No start-up resolution: each topic's id is resolved before its first record.
        settings["SchemaRegistry:StartupTimeout"] = "00:00:00";
        await using var worker = await InProcessWorker.StartAsync(settings);
        using var measurements = new WorkerMeasurements(worker.Services);
        var load = new LoadGenerator();
        using var raw = new RawEvents(broker.BootstrapServers, topics.Raw);
        await load.RunAsync(raw, 100, 2_000, Cancel);
        await Landed.WaitForAsync(broker.BootstrapServers, topics, 100, cancellationToken: Cancel);

        registry.Unavailable = true;
        var clicks = SampleEvents.OneOfEachType().Where(e => e.EventType == "Wallet click").ToList();
        foreach (var (eventType, _, body) in clicks)
        {
            await raw.SendAsync(body, eventType, cancellationToken: Cancel);
        }

        await load.RunAsync(raw, 100, 2_000, Cancel);
        await Eventually.UntilAsync(() => measurements.Total("jcs.worker.produce.retries") > 0, "the worker to retry a typed write while the registry is down", TimeSpan.FromSeconds(30), Cancel);

        var clicksWhileDown = await TopicReader.CountAsync(broker.BootstrapServers, topics.TypedTopic("wallet-click"), Cancel);
        registry.Unavailable = false;
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 200 + clicks.Count, cancellationToken: Cancel);

        Assert.True(measurements.Total("jcs.worker.produce.retries") > 0, "the worker never waited for the registry");
        Assert.Equal(0, clicksWhileDown);
        var click = Assert.Single(landed.Typed, r => r.Topic == topics.TypedTopic("wallet-click"));
        Assert.Equal(clicks[0].Body, Framed.Split(click).Payload);
        AssertEachValidIdTypedOnce_AndOnlyInvalidOnesDeadLettered(load, new Landed { Typed = [.. landed.Typed.Where(r => r != click)], DeadLetters = landed.DeadLetters });
    }

    [Fact]
    public async Task AutoRegisterOff_WithTheSubjectsRegisteredBeforehand_UsesTheirIds_AndRegistersNothing()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var topics = await PipelineTopics.CreateAsync(broker.Broker);

        // What `jcs schemas register` does before a deployment.
        var catalog = Schemas.SchemaCatalog.Load(Schemas.SchemaDirectory.Default, topics.Prefix);
        using (var client = SchemaRegistryClientFactory.Create(new SchemaRegistryOptions { Url = registry.Url }))
        {
            await new SchemaRegistrar(client).RegisterAllAsync(TypedTopicSchema.ForCatalog(catalog), Cancel);
        }

        var before = registry.Requests.Count;
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers).JsonSr(registry.Url, autoRegister: false));
        var events = await SampleEvents.SendOneOfEachTypeAsync(broker.BootstrapServers, topics.Raw, Cancel);

        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, events.Count, cancellationToken: Cancel);

        Assert.Equal(events.Count, landed.Typed.Count);
        Assert.All(landed.Typed, record => Assert.Equal(registry.LatestId(record.Topic + "-value"), Framed.Split(record).SchemaId));
        Assert.All(registry.Requests.Skip(before), r => Assert.StartsWith("GET /subjects/", r, StringComparison.Ordinal));
    }

    private static void AssertEachValidIdTypedOnce_AndOnlyInvalidOnesDeadLettered(LoadGenerator load, Landed landed)
    {
        var invalid = load.Ids.Where((_, i) => i % 10 == 9).ToHashSet();
        var typed = landed.Typed.Select(Framed.IdOf).ToList();
        Assert.Equal(load.Ids.Where(id => !invalid.Contains(id)).Order(StringComparer.Ordinal), typed.Order(StringComparer.Ordinal));
        Assert.Equal(invalid.Order(StringComparer.Ordinal), landed.DeadLetters.Select(Landed.IdOf).Order(StringComparer.Ordinal));
        Assert.All(landed.DeadLetters, r => Assert.Equal(DeadLetterKinds.SchemaViolation, Landed.Header(r, RecordHeaders.ErrorKind)));
    }
}
