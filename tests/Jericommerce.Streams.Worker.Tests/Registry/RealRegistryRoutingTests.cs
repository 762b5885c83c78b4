using Jericommerce.Streams.SchemaRegistry;
using Jericommerce.Streams.Testing.Registry;

namespace Jericommerce.Streams.Worker.Tests.Registry;

/// <summary>json-sr against Confluent's own registry (cp-schema-registry through Testcontainers), where Docker is available.</summary>
public sealed class RealRegistryRoutingTests(BrokerFixture broker, SchemaRegistryFixture registries) : IClassFixture<SchemaRegistryFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JsonSr_RecordsCarryTheIdsTheRealRegistryGave_AndItsSchemasValidateThemInConfluentsDeserializer()
    {
        var url = registries.RequireRealRegistry();
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers).JsonSr(url));
        var events = await SampleEvents.SendOneOfEachTypeAsync(broker.BootstrapServers, topics.Raw, Cancel);

        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, events.Count, cancellationToken: Cancel);

        Assert.Equal(events.Count, landed.Typed.Count);
        using var client = SchemaRegistryClientFactory.Create(new SchemaRegistryOptions { Url = url }, attemptsPerRequest: 3);
        foreach (var record in landed.Typed)
        {
            var latest = await client.GetLatestSchemaAsync(record.Topic + "-value");
            var (schemaId, payload) = Framed.Split(record);
            Assert.Equal(latest.Id, schemaId);
            Assert.Equal(events.Single(e => e.Id == Framed.IdOf(record)).Body, payload);
            Assert.NotNull(await Framed.DeserializeAsync(client, record));
        }
    }
}
