using System.Text.Json;
using System.Text.Json.Nodes;
using Jericommerce.Streams.Cli.Schema.Inference;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary>The inference behind <c>jcs schema infer</c>, on samples given directly: types, required, formats, rare fields.</summary>
public sealed class SchemaInferenceTests
{
    private static readonly EnvelopeFields Envelope = EnvelopeFields.Load(SchemaDirectory.Default, "base.v1.schema.json");

    private static SchemaDraft Infer(params string[] propertiesOfEachSample)
    {
        var shape = new ObservedShape();
        var i = 0;
        foreach (var properties in propertiesOfEachSample)
        {
            using var sample = JsonDocument.Parse($$"""{"id":"e{{i++}}","customerId":"c1","createdAt":"2025-03-14T09:26:53Z","properties":{{properties}}}""");
            shape.Add(sample.RootElement);
        }

        return SchemaDraft.Create(shape, Envelope, new DraftIdentity(new Uri("https://schemas.jericommerce-streams.dev/reward-redeemed.v1.schema.json"), "Reward redeemed", "draft"));
    }

    private static JsonNode Property(SchemaDraft draft, string name) => draft.Schema["properties"]!["properties"]!["properties"]![name]!;

    private static string[] Required(JsonNode? schema) => schema?["required"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];

    [Fact]
    public void Infer_FollowsTheCatalogsConventions_RefToTheBase_AndDescribesOnlyWhatTheBaseDoesNot()
    {
        var draft = Infer("""{"points":1}""");

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)draft.Schema["$schema"]);
        Assert.Equal("https://schemas.jericommerce-streams.dev/reward-redeemed.v1.schema.json", (string?)draft.Schema["$id"]);
        Assert.Equal("base.v1.schema.json", (string?)draft.Schema["$ref"]);
        Assert.Equal(["properties"], draft.Schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Null(draft.Schema["required"]);
        Assert.Null(draft.Schema["properties"]!["properties"]!["additionalProperties"]);
    }

    [Fact]
    public void Infer_MergesTypes_WholeNumbersAreIntegers_ANumberWithAFractionMakesThemNumbers_AndMixedTypesAreListed()
    {
        var draft = Infer(
            """{"points":100,"amount":1,"note":"a","flag":true}""",
            """{"points":2.0,"amount":1.5,"note":null,"flag":false}""");

        Assert.Equal("integer", (string?)Property(draft, "points")["type"]);
        Assert.Equal("number", (string?)Property(draft, "amount")["type"]);
        Assert.Equal(["string", "null"], Property(draft, "note")["type"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("boolean", (string?)Property(draft, "flag")["type"]);
    }

    [Fact]
    public void Infer_RequiresTheFieldsEverySampleHad_AtEveryLevel()
    {
        var draft = Infer(
            """{"always":"x","sometimes":"y","tier":{"previous":"silver","current":"gold"}}""",
            """{"always":"x","tier":{"current":"gold"}}""");

        Assert.Equal(["always", "tier"], Required(draft.Schema["properties"]!["properties"]));
        Assert.Equal(["current"], Required(Property(draft, "tier")));
        Assert.Equal("Seen in 1 of 2 samples.", (string?)Property(draft, "sometimes")["description"]);
    }

    [Fact]
    public void Infer_AssertsAFormatOnlyWhenEveryStringFitsIt()
    {
        var draft = Infer(
            """{"at":"2025-03-14T09:26:53Z","ref":"0190a5f4-8f3e-7cc1-b5d7-2f0c1c7d9a10","mail":"a@example.com","link":"https://example.com/r/1","mixed":"https://example.com","plain":"Free coffee"}""",
            """{"at":"2025-06-01T12:00:00.5+02:00","ref":"6f1c1b1e-6a2c-4b8a-9d42-1f1b6f1a2b3c","mail":"b@example.org","link":"https://example.com/r/2","mixed":"not a link","plain":"Tote bag"}""");

        Assert.Equal("date-time", (string?)Property(draft, "at")["format"]);
        Assert.Equal("uuid", (string?)Property(draft, "ref")["format"]);
        Assert.Equal("email", (string?)Property(draft, "mail")["format"]);
        Assert.Equal("uri", (string?)Property(draft, "link")["format"]);
        Assert.Null(Property(draft, "mixed")["format"]);
        Assert.Null(Property(draft, "plain")["format"]);
    }

    [Fact]
    public void Infer_ArraysGetTheirItemsMerged_AndTopLevelFieldsOutsideTheBaseAreDescribed()
    {
        var shape = new ObservedShape();
        using (var a = JsonDocument.Parse("""{"id":"e1","customerId":"c1","createdAt":"2025-03-14T09:26:53Z","url":"https://x.example","shopId":"s1","properties":{"items":[{"sku":"a","qty":1},{"sku":"b"}]}}"""))
        using (var b = JsonDocument.Parse("""{"id":"e2","customerId":"c1","createdAt":"2025-03-14T09:26:53Z","url":"https://y.example","shopId":"s2","properties":{"items":[]}}"""))
        {
            shape.Add(a.RootElement);
            shape.Add(b.RootElement);
        }

        var draft = SchemaDraft.Create(shape, Envelope, new DraftIdentity(new Uri("https://schemas.jericommerce-streams.dev/order-placed.v1.schema.json"), "Order placed", "draft"));

        var items = draft.Schema["properties"]!["properties"]!["properties"]!["items"]!;
        Assert.Equal("array", (string?)items["type"]);
        Assert.Equal("object", (string?)items["items"]!["type"]);
        Assert.Equal(["sku"], Required(items["items"]));
        Assert.Equal("integer", (string?)items["items"]!["properties"]!["qty"]!["type"]);

        // Always present: required at the top level too, but only what the base does not require already.
        Assert.Equal(["url", "shopId"], Required(draft.Schema));
        Assert.Equal(["properties", "shopId"], draft.Schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Infer_ReportsAsRareTheFieldsInFewerThanOneSampleInTwenty()
    {
        var samples = Enumerable.Range(0, 40).Select(i => i switch
        {
            0 => """{"title":"a","voucher":"V1","tier":{"name":"gold","bonus":1}}""",
            1 => """{"title":"b","gift":true,"tier":{"name":"gold"}}""",
            2 => """{"title":"b","gift":true,"tier":{"name":"gold"}}""",
            _ => """{"title":"c","tier":{"name":"silver"}}""",
        }).ToArray();

        var draft = Infer(samples);

        Assert.Equal(0.05, SchemaDraft.RareShare);
        Assert.Equal([new RareField("properties.voucher", 1, 40), new RareField("properties.tier.bonus", 1, 40)], draft.Rare);
    }
}
