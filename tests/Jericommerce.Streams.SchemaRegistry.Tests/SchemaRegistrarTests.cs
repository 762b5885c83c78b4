using System.Text.Json.Nodes;
using Confluent.SchemaRegistry;
using Jericommerce.Streams.Testing.Registry;

namespace Jericommerce.Streams.SchemaRegistry.Tests;

/// <summary>The registrar through Confluent's real client, over HTTP, against the fake registry.</summary>
public sealed class SchemaRegistrarTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RegisterAll_RegistersEveryTypedTopicUnderItsValueSubject_AndAgainGivesTheSameIds()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        using var client = Client(registry.Url);
        var registrar = new SchemaRegistrar(client);

        var first = await registrar.RegisterAllAsync(TestSchemas.All, Cancel);
        using var otherClient = Client(registry.Url);
        var again = await new SchemaRegistrar(otherClient).RegisterAllAsync(TestSchemas.All, Cancel);

        Assert.Equal(TestSchemas.All.Select(s => s.Topic + "-value").Order(StringComparer.Ordinal), registry.Subjects());
        Assert.All(first, r => Assert.Equal((1, SchemaResolution.Registered), (r.Version, r.Resolution)));
        Assert.Equal(first.Count, first.Select(r => r.SchemaId).Distinct().Count());
        Assert.Equal(first, again);
        Assert.All(first, r => Assert.Equal(registry.LatestId(r.Subject), r.SchemaId));
    }

    [Fact]
    public async Task ResolveLatest_WhenTheLocalSchemaIsRegistered_GivesItsId()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var schema = TestSchemas.Of("wallet-visit");
        var id = registry.Register(schema.Subject, schema.SchemaText);
        using var client = Client(registry.Url);

        var resolved = await new SchemaRegistrar(client).ResolveLatestAsync(schema, Cancel);

        Assert.Equal(new SchemaRegistration(schema.Subject, id, 1, SchemaResolution.LatestIdentical), resolved);
        Assert.DoesNotContain(registry.Requests, r => r.StartsWith("POST /subjects/" + schema.Subject + "/versions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolveLatest_WhenTheSubjectIsMissing_FailsNamingIt()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var schema = TestSchemas.Of("customer-created");
        using var client = Client(registry.Url);

        var error = await Assert.ThrowsAsync<SchemaRegistrationException>(() => new SchemaRegistrar(client).ResolveLatestAsync(schema, Cancel));

        Assert.Equal(SchemaRegistrationFailure.NotRegistered, error.Failure);
        Assert.Equal(schema.Subject, error.Subject);
        Assert.Contains(schema.Subject, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ResolveLatest_WhenTheLatestVersionDiffers_UsesItOnlyIfTheRegistryFindsTheLocalSchemaCompatible(bool compatible)
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var schema = TestSchemas.Of("wallet-click");
        var olderId = registry.Register(schema.Subject, Changed(schema.SchemaText));
        registry.IsCompatible = (_, _, _) => compatible;
        using var client = Client(registry.Url);
        var registrar = new SchemaRegistrar(client);

        if (compatible)
        {
            Assert.Equal(new SchemaRegistration(schema.Subject, olderId, 1, SchemaResolution.LatestCompatible), await registrar.ResolveLatestAsync(schema, Cancel));
        }
        else
        {
            var error = await Assert.ThrowsAsync<SchemaRegistrationException>(() => registrar.ResolveLatestAsync(schema, Cancel));
            Assert.Equal(SchemaRegistrationFailure.Incompatible, error.Failure);
            Assert.Contains(schema.Subject, error.Message, StringComparison.Ordinal);
        }

        Assert.Contains(registry.Requests, r => r == $"POST /compatibility/subjects/{schema.Subject}/versions/latest");
    }

    [Fact]
    public async Task Register_WhenTheRegistryRefusesTheSchemaAsIncompatible_FailsNamingTheSubject()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var schema = TestSchemas.Of("wallet-click");
        registry.Register(schema.Subject, Changed(schema.SchemaText));
        registry.IsCompatible = (_, _, _) => false;
        using var client = Client(registry.Url);

        var error = await Assert.ThrowsAsync<SchemaRegistrationException>(() => new SchemaRegistrar(client).RegisterAsync(schema, Cancel));

        Assert.Equal(SchemaRegistrationFailure.Incompatible, error.Failure);
        Assert.Contains(schema.Subject, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TellsMissingUnchangedCompatibleAndIncompatibleApart()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        using var client = Client(registry.Url);
        var registrar = new SchemaRegistrar(client);
        var schema = TestSchemas.Of("wallet-pass-installed");

        var missing = await registrar.CheckAsync(schema, Cancel);
        var registered = await registrar.RegisterAsync(schema, Cancel);
        var unchanged = await registrar.CheckAsync(schema, Cancel);
        var changedId = registry.Register(schema.Subject, Changed(schema.SchemaText));
        var compatible = await registrar.CheckAsync(schema, Cancel);
        registry.IsCompatible = (_, _, _) => false;
        var incompatible = await registrar.CheckAsync(schema, Cancel);

        Assert.Equal(new CompatibilityReport(schema.Subject, CompatibilityStatus.NotRegistered, null, null), missing);
        Assert.Equal(new CompatibilityReport(schema.Subject, CompatibilityStatus.Unchanged, 1, registered.SchemaId), unchanged);
        Assert.Equal(new CompatibilityReport(schema.Subject, CompatibilityStatus.Compatible, 2, changedId), compatible);
        Assert.Equal(new CompatibilityReport(schema.Subject, CompatibilityStatus.Incompatible, 2, changedId), incompatible);
        Assert.False(incompatible.IsDeployable);
    }

    [Fact]
    public async Task ARegistryAnswering503_IsUnavailable_NotARefusal()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        registry.Unavailable = true;
        using var client = Client(registry.Url);

        var error = await Assert.ThrowsAsync<SchemaRegistryUnavailableException>(() => new SchemaRegistrar(client).RegisterAsync(TestSchemas.Of("wallet-click"), Cancel));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestSchemas.Of("wallet-click").Subject, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARegistryRefusingConnections_IsUnavailable_ThenWorksOnceBack()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        await registry.StopAsync();
        using var client = Client(registry.Url);
        var registrar = new SchemaRegistrar(client);
        var schema = TestSchemas.Of("wallet-click");

        await Assert.ThrowsAsync<SchemaRegistryUnavailableException>(() => registrar.RegisterAsync(schema, Cancel));
        await registry.StartAsync();
        var registered = await registrar.RegisterAsync(schema, Cancel);

        Assert.Equal(registry.LatestId(schema.Subject), registered.SchemaId);
    }

    [Fact]
    public async Task BasicAuth_IsSent_AndWrongCredentialsAreARefusalThatNeverShowsThePassword()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync(requiredUserInfo: "jcs:s3cret-pw");
        var schema = TestSchemas.Of("wallet-click");
        using var good = SchemaRegistryClientFactory.Create(new SchemaRegistryOptions { Url = registry.Url, BasicAuthUserInfo = "jcs:s3cret-pw" });
        using var bad = SchemaRegistryClientFactory.Create(new SchemaRegistryOptions { Url = registry.Url, BasicAuthUserInfo = "jcs:wrong-pw" });

        var registered = await new SchemaRegistrar(good).RegisterAsync(schema, Cancel);
        var error = await Assert.ThrowsAsync<SchemaRegistrationException>(() => new SchemaRegistrar(bad).RegisterAsync(schema, Cancel));

        Assert.True(registered.SchemaId > 0);
        Assert.Equal(SchemaRegistrationFailure.Unauthorized, error.Failure);
        Assert.DoesNotContain("wrong-pw", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", new SchemaRegistryOptions { Url = registry.Url, BasicAuthUserInfo = "jcs:s3cret-pw" }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfluentsJsonDeserializer_ReadsAFramedEvent_WithTheRegisteredSchema_AndRejectsOneBreakingTheTypeSchema()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var schema = TestSchemas.Of("wallet-click");
        using var client = Client(registry.Url);
        var registered = await new SchemaRegistrar(client).RegisterAsync(schema, Cancel);
        var prefix = ConfluentWireFormat.Prefix(registered.SchemaId);
        var valid = TestSchemas.Example("wallet-click.valid.json");
        var broken = JsonNode.Parse(valid)!;
        broken["properties"]!.AsObject().Remove("utm_source");

        using var consumerClient = Client(registry.Url);
        var read = await ConfluentReader.DeserializeAsync(consumerClient, schema.Topic, ConfluentWireFormat.Frame(prefix, valid));
        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => ConfluentReader.DeserializeAsync(consumerClient, schema.Topic, ConfluentWireFormat.Frame(prefix, System.Text.Encoding.UTF8.GetBytes(broken.ToJsonString()))));

        Assert.Equal("Wallet click", (string?)read["properties"]?["name"]);
        Assert.Contains("utm_source", error.Message, StringComparison.Ordinal);
        Assert.Contains(registry.Requests, r => r.StartsWith($"GET /schemas/ids/{registered.SchemaId}", StringComparison.Ordinal));
    }

    private static ISchemaRegistryClient Client(string url) => SchemaRegistryClientFactory.Create(new SchemaRegistryOptions { Url = url });

    /// <summary>The same schema with one more optional property: another version.</summary>
    private static string Changed(string schemaText)
    {
        var root = JsonNode.Parse(schemaText)!;
        root["properties"]!["addedLater"] = new JsonObject { ["type"] = "string" };
        return root.ToJsonString();
    }
}
