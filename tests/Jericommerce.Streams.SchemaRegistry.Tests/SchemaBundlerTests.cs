using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;
using Json.Schema;

namespace Jericommerce.Streams.SchemaRegistry.Tests;

/// <summary>The registered schema is the catalog schema with its references resolved: no $ref, same meaning.</summary>
public sealed class SchemaBundlerTests
{
    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };

    public static TheoryData<string> Slugs => new(TestSchemas.Catalog.EventTypes.Select(t => t.Slug));

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Bundle_HasNoReference_KeepsTheTypeSchemasDialectAndId_AndTheBaseRequirements(string slug)
    {
        var schema = TestSchemas.Of(slug);
        var root = JsonNode.Parse(schema.SchemaText)!.AsObject();

        Assert.DoesNotContain("\"$ref\"", schema.SchemaText, StringComparison.Ordinal);
        Assert.DoesNotContain("\"allOf\"", schema.SchemaText, StringComparison.Ordinal);
        Assert.Equal(["$schema", "$id"], root.Select(p => p.Key).Take(2));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)root["$schema"]);
        Assert.Equal(schema.EventType.SchemaId.ToString(), (string?)root["$id"]);
        Assert.Equal(["id", "customerId", "createdAt", "properties"], root["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal($"jericommerce.{schema.EventType.TopicSuffix}-value", schema.Subject);
    }

    [Fact]
    public void Bundle_OfWalletClick_PutsTheBaseFieldsAndTheTypeConstraintsInOneObject()
    {
        var root = JsonNode.Parse(TestSchemas.Of("wallet-click").SchemaText)!;

        Assert.Equal("Wallet click", (string?)root["title"]);
        Assert.Equal("date-time", (string?)root["properties"]!["createdAt"]!["format"]);
        var properties = root["properties"]!["properties"]!;
        Assert.Equal("object", (string?)properties["type"]);
        Assert.Equal(["name", "utm_campaign", "utm_source", "utm_medium"], properties["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("Wallet click", (string?)properties["properties"]!["name"]!["const"]);
    }

    [Fact]
    public void Bundle_IsTheSameTextEveryTime()
    {
        var again = TypedTopicSchema.ForCatalog(TestSchemas.Catalog);

        Assert.Equal(TestSchemas.All.Select(s => s.SchemaText), again.Select(s => s.SchemaText));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Bundle_AcceptsExactlyWhatTheCatalogAccepts_ForEveryExampleAndMutationOfOne(string slug)
    {
        var type = TestSchemas.Catalog.EventTypes.Single(t => t.Slug == slug);
        var bundled = Compile(TestSchemas.Of(slug).SchemaText);
        var payloads = TestSchemas.ExampleFiles().SelectMany(file => Mutations(TestSchemas.Example(file)).Select(p => (Name: file, Payload: p))).ToList();
        var mismatches = new List<string>();
        var accepted = 0;
        foreach (var (name, payload) in payloads)
        {
            var catalogSays = TestSchemas.Catalog.Validate(type, payload).IsValid;
            using var document = JsonDocument.Parse(payload);
            var bundleSays = bundled.Evaluate(document.RootElement, Flag).IsValid;
            accepted += catalogSays ? 1 : 0;
            if (catalogSays != bundleSays)
            {
                mismatches.Add($"{name}: catalog {catalogSays}, bundle {bundleSays}: {Encoding.UTF8.GetString(payload)}");
            }
        }

        Assert.Empty(mismatches);
        Assert.InRange(accepted, 1, payloads.Count - 1);
    }

    [Fact]
    public void Bundle_WhenTheBaseClosesItsProperties_FallsBackToAllOf_AndStillMeansTheSame()
    {
        using var folder = new TempFolder();
        folder.Write("base.v1.schema.json", """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://example.test/base.v1.schema.json",
             "type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":false}
            """);
        folder.Write("t.v1.schema.json", """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://example.test/t.v1.schema.json",
             "$ref":"base.v1.schema.json","properties":{"b":{"type":"integer"}}}
            """);

        var text = SchemaBundler.Bundle(folder.Path, "t.v1.schema.json");
        var bundled = Compile(text);

        Assert.Contains("\"allOf\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"$ref\"", text, StringComparison.Ordinal);
        Assert.True(IsValid(bundled, """{"a":1}"""));
        Assert.False(IsValid(bundled, """{"a":1,"b":2}"""), "the base allows no property but a");
        Assert.False(IsValid(bundled, """{"a":"x"}"""));
    }

    [Fact]
    public void Bundle_OfARecursiveSchema_FailsNamingTheFile()
    {
        using var folder = new TempFolder();
        folder.Write("tree.v1.schema.json", """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://example.test/tree.v1.schema.json",
             "type":"object","properties":{"child":{"$ref":"#"}}}
            """);

        var error = Assert.Throws<SchemaCatalogException>(() => SchemaBundler.Bundle(folder.Path, "tree.v1.schema.json"));

        Assert.Contains("tree.v1.schema.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("recursive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundle_ResolvesPointersIntoDefinitions_AndDropsTheDefinitions()
    {
        using var folder = new TempFolder();
        folder.Write("d.v1.schema.json", """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://example.test/d.v1.schema.json",
             "type":"object","properties":{"when":{"$ref":"#/$defs/instant"}},"$defs":{"instant":{"type":"string","format":"date-time"}}}
            """);

        var text = SchemaBundler.Bundle(folder.Path, "d.v1.schema.json");

        Assert.Equal(
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://example.test/d.v1.schema.json","type":"object","properties":{"when":{"type":"string","format":"date-time"}}}""",
            text);
    }

    /// <summary>The payload itself, and each top-level and <c>properties</c> member removed or made a number.</summary>
    private static IEnumerable<byte[]> Mutations(byte[] payload)
    {
        yield return payload;
        if (JsonNode.Parse(payload) is not JsonObject root)
        {
            yield break;
        }

        foreach (var (path, container) in new[] { ("", root), ("properties", root["properties"] as JsonObject) })
        {
            if (container is null)
            {
                continue;
            }

            foreach (var key in container.Select(p => p.Key).ToList())
            {
                yield return Mutate(root, path, o => o.Remove(key));
                yield return Mutate(root, path, o => o[key] = 42);
            }
        }
    }

    private static byte[] Mutate(JsonObject root, string path, Action<JsonObject> change)
    {
        var copy = root.DeepClone().AsObject();
        change(path.Length == 0 ? copy : copy[path]!.AsObject());
        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    private static JsonSchema Compile(string text) =>
        JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry(), Dialect = Dialect.Draft202012 });

    private static bool IsValid(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, Flag).IsValid;
    }
}
