using System.Text.Json.Nodes;
using Jericommerce.Streams.SchemaRegistry;
using Jericommerce.Streams.Testing.Registry;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Tests.Registry;

/// <summary>What stops a json-sr worker at start-up, with the key or subject named. No broker needed: start-up fails before routing.</summary>
public sealed class JsonSrStartupTests
{
    private static Dictionary<string, string?> Settings(string prefix) => new()
    {
        ["Kafka:BootstrapServers"] = "127.0.0.1:1",
        ["Worker:TopicPrefix"] = prefix,
    };

    [Fact]
    public async Task AutoRegisterOff_WithAMissingSubject_FailsNamingTheSubject()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var prefix = $"t{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<SchemaRegistrationException>(
            () => InProcessWorker.StartAsync(Settings(prefix).JsonSr(registry.Url, autoRegister: false)));

        var first = PipelineTopics.Catalog.EventTypes[0].TopicSuffix;
        Assert.Equal(SchemaRegistrationFailure.NotRegistered, error.Failure);
        Assert.Contains($"'{prefix}.{first}-value'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SchemaRegistry:AutoRegister", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoRegisterOff_WithAnIncompatibleLatestVersion_FailsNamingTheSubject()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var prefix = $"t{Guid.NewGuid():N}";
        var catalog = Schemas.SchemaCatalog.Load(Schemas.SchemaDirectory.Default, prefix);
        foreach (var schema in TypedTopicSchema.ForCatalog(catalog))
        {
            var other = JsonNode.Parse(schema.SchemaText)!;
            other["required"]!.AsArray().Add("somethingElse");
            registry.Register(schema.Subject, other.ToJsonString());
        }

        registry.IsCompatible = (_, _, _) => false;

        var error = await Assert.ThrowsAsync<SchemaRegistrationException>(
            () => InProcessWorker.StartAsync(Settings(prefix).JsonSr(registry.Url, autoRegister: false)));

        Assert.Equal(SchemaRegistrationFailure.Incompatible, error.Failure);
        Assert.Contains($"'{prefix}.{catalog.EventTypes[0].TopicSuffix}-value'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoRegisterOn_WhenTheRegistryRefusesTheSchema_FailsNamingTheSubject()
    {
        await using var registry = await FakeSchemaRegistry.StartAsync();
        var prefix = $"t{Guid.NewGuid():N}";
        var catalog = Schemas.SchemaCatalog.Load(Schemas.SchemaDirectory.Default, prefix);
        var first = TypedTopicSchema.For(catalog, catalog.EventTypes[0]);
        registry.Register(first.Subject, """{"type":"object"}""");
        registry.IsCompatible = (_, _, _) => false;

        var error = await Assert.ThrowsAsync<SchemaRegistrationException>(() => InProcessWorker.StartAsync(Settings(prefix).JsonSr(registry.Url)));

        Assert.Equal(SchemaRegistrationFailure.Incompatible, error.Failure);
        Assert.Contains($"'{first.Subject}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SchemaRegistry:Url", "", "SchemaRegistry:Url is required when Worker:TypedFormat is 'json-sr'")]
    [InlineData("SchemaRegistry:Url", "registry:8081", "SchemaRegistry:Url")]
    [InlineData("SchemaRegistry:BasicAuthUserInfo", "no-colon-secret", "SchemaRegistry:BasicAuthUserInfo")]
    [InlineData("SchemaRegistry:RequestTimeout", "00:00:00", "SchemaRegistry:RequestTimeout")]
    [InlineData("SchemaRegistry:StartupTimeout", "01:00:00", "SchemaRegistry:StartupTimeout")]
    public async Task ABadSetting_FailsNamingTheKey_WithoutRepeatingASecret(string key, string value, string named)
    {
        var settings = Settings("jericommerce").JsonSr("http://127.0.0.1:1");
        settings[key] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => InProcessWorker.StartAsync(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("no-colon-secret", error.Message, StringComparison.Ordinal);
    }
}
