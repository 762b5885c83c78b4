using Jericommerce.Streams.Testing.Registry;

namespace Jericommerce.Streams.SchemaRegistry.Tests;

/// <summary>The same calls against Confluent's own registry (cp-schema-registry), where Docker is available.</summary>
public sealed class RealRegistryTests(SchemaRegistryFixture registries)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryBundledSchema_IsAccepted_ThenFoundUnchanged_AndReadBackByConfluentsDeserializer()
    {
        var url = registries.RequireRealRegistry();
        using var client = SchemaRegistryClientFactory.Create(new SchemaRegistryOptions { Url = url }, attemptsPerRequest: 3);
        var registrar = new SchemaRegistrar(client);

        var registered = await registrar.RegisterAllAsync(TestSchemas.All, Cancel);
        var latest = new List<SchemaRegistration>();
        foreach (var schema in TestSchemas.All)
        {
            latest.Add(await registrar.ResolveLatestAsync(schema, Cancel));
        }

        var checks = await registrar.CheckAllAsync(TestSchemas.All, Cancel);

        Assert.Equal(registered.Select(r => r.SchemaId), latest.Select(r => r.SchemaId));
        Assert.All(latest, r => Assert.Equal(SchemaResolution.LatestIdentical, r.Resolution));
        Assert.All(checks, c => Assert.Equal(CompatibilityStatus.Unchanged, c.Status));
        var walletClick = TestSchemas.Of("wallet-click");
        var id = registered[TestSchemas.All.ToList().IndexOf(walletClick)].SchemaId;
        var read = await ConfluentReader.DeserializeAsync(client, walletClick.Topic, ConfluentWireFormat.Frame(ConfluentWireFormat.Prefix(id), TestSchemas.Example("wallet-click.valid.json")));
        Assert.Equal("Wallet click", (string?)read["properties"]?["name"]);
    }

    [Fact]
    public async Task AMissingSubject_IsReportedAsNotRegistered()
    {
        var url = registries.RequireRealRegistry();
        using var client = SchemaRegistryClientFactory.Create(new SchemaRegistryOptions { Url = url });
        var catalog = Schemas.SchemaCatalog.Load(Schemas.SchemaDirectory.Default, $"t{Guid.NewGuid():N}");
        var schema = TypedTopicSchema.For(catalog, catalog.EventTypes[0]);

        var report = await new SchemaRegistrar(client).CheckAsync(schema, Cancel);
        var error = await Assert.ThrowsAsync<SchemaRegistrationException>(() => new SchemaRegistrar(client).ResolveLatestAsync(schema, Cancel));

        Assert.Equal(CompatibilityStatus.NotRegistered, report.Status);
        Assert.Equal(SchemaRegistrationFailure.NotRegistered, error.Failure);
    }
}
