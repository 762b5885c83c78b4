using System.Text.Json.Nodes;
using Jericommerce.Streams.SchemaRegistry;
using Jericommerce.Streams.Testing.Registry;
using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Worker.Tests.Registry;

/// <summary>
/// json-sr and types outside the catalog: the envelope schema under the type's own subject, then its real schema under
/// the same subject once adopted, if the registry's compatibility rules let it.
/// </summary>
public sealed class JsonSrEnvelopeTests(BrokerFixture broker)
{
    private const string RewardSchema = """{ "required": ["rewardTitle"], "properties": { "rewardTitle": { "type": "string" } } }""";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Starts a worker on the shipped catalog, lets it route one event of a new type on its envelope, stops it.</summary>
    private async Task<(PipelineTopics Topics, string Topic, int EnvelopeSchemaId)> RoutedOnItsEnvelopeAsync(FakeSchemaRegistry registry)
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        var topic = topics.EnvelopeTopic("reward-redeemed");
        await using (var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers).JsonSr(registry.Url)))
        {
            using var raw = new RawEvents(broker.BootstrapServers, topics.Raw);
            await raw.SendAsync(EnvelopeRoutingTests.Event("evt-sr-1"), "Reward redeemed", cancellationToken: Cancel);
            await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topic, 1, Cancel);
        }

        return (topics, topic, registry.LatestId(topic + TypedTopicSchema.ValueSubjectSuffix)!.Value);
    }

    [Fact]
    public async Task JsonSr_ATypeOutsideTheCatalog_GetsTheEnvelopeSchemaUnderItsOwnSubject_AndItsRecordsAreFramedWithThatId()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        var topic = topics.EnvelopeTopic("reward-redeemed");
        var bodies = new[] { EnvelopeRoutingTests.Event("evt-sr-a"), EnvelopeRoutingTests.Event("evt-sr-b", properties: """{"points":1.50E+2}""") };
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers).JsonSr(registry.Url));
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            foreach (var body in bodies)
            {
                await raw.SendAsync(body, "Reward redeemed", cancellationToken: Cancel);
            }
        }

        var routed = await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topic, 2, Cancel);

        var subject = topic + TypedTopicSchema.ValueSubjectSuffix;
        var schemaId = Assert.IsType<int>(registry.LatestId(subject));
        using var client = SchemaRegistryClientFactory.Create(new SchemaRegistryOptions { Url = registry.Url });
        var registered = await client.GetSchemaAsync(schemaId);
        var envelope = TypedTopicSchema.ForEnvelope(Schemas.SchemaCatalog.Load(Schemas.SchemaDirectory.Default, topics.Prefix), topic);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(envelope.SchemaText), JsonNode.Parse(registered.SchemaString)), registered.SchemaString);
        Assert.Equal(2, routed.Count);
        foreach (var (record, body) in routed.Zip(bodies))
        {
            var (id, payload) = Framed.Split(record);
            Assert.Equal(schemaId, id);
            Assert.Equal(body, payload);
            Assert.Equal(Contracts.Envelope, Landed.Header(record, RecordHeaders.Contract));
            Assert.Equal(Framed.IdOf(record), (string?)(await Framed.DeserializeAsync(client, record))["id"]);
        }
    }

    [Fact]
    public async Task JsonSr_WithAutoRegisterOff_ATypeOutsideTheCatalog_IsAnUnknownEventTypeDeadLetter_NotAnUnframedTypedRecord()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        using (var client = SchemaRegistryClientFactory.Create(new SchemaRegistryOptions { Url = registry.Url }))
        {
            await new SchemaRegistrar(client).RegisterAllAsync(TypedTopicSchema.ForCatalog(Schemas.SchemaCatalog.Load(Schemas.SchemaDirectory.Default, topics.Prefix)), Cancel);
        }

        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers).JsonSr(registry.Url, autoRegister: false));
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(EnvelopeRoutingTests.Event("evt-sr-closed"), "Reward redeemed", cancellationToken: Cancel);
        }

        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 1, cancellationToken: Cancel);

        var letter = Assert.Single(landed.DeadLetters);
        Assert.Equal(DeadLetterKinds.UnknownEventType, Landed.Header(letter, RecordHeaders.ErrorKind));
        Assert.Contains("SchemaRegistry:AutoRegister", Landed.Header(letter, RecordHeaders.ErrorDetail), StringComparison.Ordinal);
        Assert.False(TopicWait.Exists(broker.BootstrapServers, topics.EnvelopeTopic("reward-redeemed")));
    }

    [Fact]
    public async Task JsonSr_AdoptingTheTypesSchemaLater_RegistersItUnderTheSameSubject_WhenTheRegistryFindsItCompatible_AndItsRecordsKeepTheirTopic()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var (topics, topic, envelopeId) = await RoutedOnItsEnvelopeAsync(registry);
        var subject = topic + TypedTopicSchema.ValueSubjectSuffix;
        var asked = new List<string>();
        registry.IsCompatible = (s, _, _) =>
        {
            lock (asked)
            {
                asked.Add(s);
            }

            return true;
        };
        using var adopted = new AdoptedSchemas("reward-redeemed", "Reward redeemed", RewardSchema);
        var settings = topics.Settings(broker.BootstrapServers).JsonSr(registry.Url);
        settings["Worker:SchemasPath"] = adopted.Path;

        await using var worker = await InProcessWorker.StartAsync(settings);
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(EnvelopeRoutingTests.Event("evt-sr-2"), "Reward redeemed", cancellationToken: Cancel);
        }

        var routed = await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topic, 2, Cancel);

        Assert.Contains(subject, asked);
        var adoptedId = Assert.IsType<int>(registry.LatestId(subject));
        Assert.NotEqual(envelopeId, adoptedId);
        Assert.Equal([("evt-sr-1", envelopeId, Contracts.Envelope), ("evt-sr-2", adoptedId, Contracts.Full)], routed.Select(r => (Framed.IdOf(r), Framed.Split(r).SchemaId, Landed.Header(r, RecordHeaders.Contract))));
        Assert.Equal(adopted.SchemaFile, Landed.Header(routed[1], RecordHeaders.Schema));
    }

    [Fact]
    public async Task JsonSr_AdoptingTheTypesSchemaLater_WhenTheRegistryRefusesIt_StopsStartUpNamingTheSubject()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var (topics, topic, envelopeId) = await RoutedOnItsEnvelopeAsync(registry);
        var subject = topic + TypedTopicSchema.ValueSubjectSuffix;
        registry.IsCompatible = (s, _, _) => s != subject;
        using var adopted = new AdoptedSchemas("reward-redeemed", "Reward redeemed", RewardSchema);
        var settings = topics.Settings(broker.BootstrapServers).JsonSr(registry.Url);
        settings["Worker:SchemasPath"] = adopted.Path;

        var error = await Assert.ThrowsAsync<SchemaRegistrationException>(() => InProcessWorker.StartAsync(settings));

        Assert.Equal(SchemaRegistrationFailure.Incompatible, error.Failure);
        Assert.Equal(subject, error.Subject);
        Assert.Contains($"'{subject}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(envelopeId, registry.LatestId(subject));
    }
}
