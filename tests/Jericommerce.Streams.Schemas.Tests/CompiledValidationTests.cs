using System.Text;
using System.Text.Json;
using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Schemas.Compiled;
using Json.Schema;

namespace Jericommerce.Streams.Schemas.Tests;

/// <summary>
/// The compiled check must answer exactly as JsonSchema.Net does: it decides alone that a payload is valid, so a
/// single payload it passes and the library fails would put a bad event on a typed topic.
/// </summary>
public sealed class CompiledValidationTests
{
    public static TheoryData<string> Slugs => new(TestCatalog.Instance.EventTypes.Select(type => type.Slug));

    [Fact]
    public void Load_ShippedSchemas_CompilesEveryEventType()
    {
        Assert.All(TestCatalog.Instance.EventTypes, type =>
        {
            Assert.Null(type.NotCompiled);
            Assert.NotNull(type.Compiled);
        });
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Compiled_OnEveryExampleFile_AgreesWithJsonSchemaNet(string slug)
    {
        var type = TestCatalog.Type(slug);
        var payloads = ExampleFile.All().Select(example => (example.FileName, File.ReadAllBytes(example.Path)));

        var (valid, invalid) = AssertAgrees(type, payloads);

        Assert.True(valid > 0 && invalid > 0, $"{valid} valid and {invalid} invalid examples: both kinds must be compared");
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Compiled_OnEverySingleMutationOfAValidEvent_AgreesWithJsonSchemaNet(string slug)
    {
        var type = TestCatalog.Type(slug);
        var valid = File.ReadAllText(ExampleTests.FirstValidExample(type).Path);

        var (passed, failed) = AssertAgrees(type, PayloadMutations.Single(valid));

        Assert.True(passed > 10 && failed > 100, $"{passed} valid and {failed} invalid mutations: both kinds must be compared");
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Compiled_OnRandomCombinationsOfMutations_AgreesWithJsonSchemaNet(string slug)
    {
        var type = TestCatalog.Type(slug);
        var valid = File.ReadAllText(ExampleTests.FirstValidExample(type).Path);

        var (passed, failed) = AssertAgrees(type, PayloadMutations.Random(valid, seed: slug.Length * 7919, count: 1_500));

        Assert.True(passed > 0 && failed > 0, $"{passed} valid and {failed} invalid combinations: both kinds must be compared");
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Validate_WithEveryLetterEscaped_StillPasses(string slug)
    {
        var type = TestCatalog.Type(slug);
        var escaped = PayloadMutations.EscapeLetters(File.ReadAllText(ExampleTests.FirstValidExample(type).Path));

        Assert.True(TestCatalog.Instance.Validate(type, Encoding.UTF8.GetBytes(escaped)).IsValid);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Validate_OnAnInvalidEvent_GivesJsonSchemaNetsErrors(string slug)
    {
        var type = TestCatalog.Type(slug);
        var payload = Encoding.UTF8.GetBytes(File.ReadAllText(ExampleTests.FirstValidExample(type).Path).Replace("\"createdAt\"", "\"created\"", StringComparison.Ordinal));

        var compiled = TestCatalog.Instance.Validate(type, payload);
        var reference = TestCatalog.Instance.Validate(type, payload, useCompiled: false);

        Assert.Equal(ValidationOutcome.SchemaViolation, compiled.Outcome);
        Assert.Equal(reference.Errors, compiled.Errors);
    }

    /// <summary>Keywords the shipped schemas do not use yet, each against instances that pass and fail it.</summary>
    [Theory]
    [InlineData("""{"enum": ["a", true, null]}""", """["a", true, null, "b", false, 1, {}, [], "\u0061"]""")]
    [InlineData("""{"const": false}""", """[false, true, null, 0, "false"]""")]
    [InlineData("""{"const": "x", "enum": ["x", "y"]}""", """["x", "y", "z"]""")]
    [InlineData("""{"const": "x", "enum": ["y"]}""", """["x", "y"]""")]
    [InlineData("""{"type": ["string", "null"]}""", """["a", null, 1, true, {}, []]""")]
    [InlineData("""{"type": "number"}""", """[1, 1.5, -0, 1e400, "1", null]""")]
    [InlineData("""{"type": "array"}""", """[[], [1], {}, "[]"]""")]
    [InlineData("""{"type": "boolean"}""", """[true, false, 0, "true"]""")]
    [InlineData("""{"format": "date-time"}""", """["2025-03-14T10:02:11Z", "yesterday", 42, null, {}]""")]
    [InlineData("""{"format": "date"}""", """["2025-03-14", "2025-03-14T10:02:11Z", 1]""")]
    [InlineData("""{"format": "uuid"}""", """["0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b", 3]""")]
    [InlineData("""{"format": "email"}""", """["a@example.com", "a", 3]""")]
    [InlineData("""{"properties": {"a": {"type": "string"}}, "additionalProperties": false}""", """[{}, {"a": "x"}, {"a": 1}, {"b": 1}, {"\u0061": "x"}, 1]""")]
    [InlineData("""{"properties": {"a": true}, "additionalProperties": {"type": "number"}}""", """[{"a": "x", "b": 1}, {"b": "x"}, {"a": {}}]""")]
    [InlineData("""{"required": ["a", "b"]}""", """[{"a": 1, "b": 2}, {"a": 1}, {}, 1, []]""")]
    [InlineData("""{"properties": {"o": {"required": ["x"], "properties": {"x": {"const": null}}}}}""", """[{"o": {"x": null}}, {"o": {"x": 1}}, {"o": {}}, {"o": 1}, {}]""")]
    [InlineData("""{"properties": {"a": false}}""", """[{}, {"a": 1}, {"b": 1}]""")]
    [InlineData("""{"properties": {"a/b": {"type": "string"}, "~": {"type": "string"}}}""", """[{"a/b": "x", "~": "y"}, {"a/b": 1}, {"~": 1}]""")]
    [InlineData("""{"title": "t", "description": "d", "$comment": "c", "examples": [1], "default": 1, "deprecated": true, "readOnly": true, "writeOnly": false}""", """[1, "a", null]""")]
    public void Compiled_OnOtherSupportedKeywords_AgreesWithJsonSchemaNet(string schema, string instances)
    {
        var compiled = Compile(schema, out var reference);

        Assert.NotNull(compiled);
        using var document = JsonDocument.Parse(instances);
        foreach (var instance in document.RootElement.EnumerateArray())
        {
            Assert.True(
                reference.Evaluate(instance, SchemaCatalog.FlagOptions).IsValid == compiled.IsValid(instance),
                $"{schema} on {instance.GetRawText()}: JsonSchema.Net says {reference.Evaluate(instance, SchemaCatalog.FlagOptions).IsValid}");
        }
    }

    [Theory]
    [InlineData("""{"type": "integer"}""", "type 'integer'")]
    [InlineData("""{"minLength": 1}""", "keyword 'minLength'")]
    [InlineData("""{"pattern": "^a"}""", "keyword 'pattern'")]
    [InlineData("""{"properties": {"a": {"maximum": 3}}}""", "keyword 'maximum' at https://example.test/s.json#/properties/a/maximum")]
    [InlineData("""{"const": 1}""", "a Number value")]
    [InlineData("""{"enum": ["a", {"b": 1}]}""", "a Object value")]
    [InlineData("""{"format": "iri"}""", "format 'iri'")]
    [InlineData("""{"$ref": "#/$defs/x", "$defs": {"x": true}}""", "$ref '#/$defs/x'")]
    [InlineData("""{"properties": {"a": {"$ref": "#"}}}""", "refers back to itself")]
    [InlineData("""{"$ref": "other.json"}""", "https://example.test/other.json is not a loaded schema")]
    [InlineData("""{"properties": {"a": {"$id": "https://example.test/a.json"}}}""", "keyword '$id'")]
    public void Compile_WhenASchemaUsesSomethingNotCompiled_LeavesItToJsonSchemaNetAndSaysWhy(string schema, string reason)
    {
        var compiled = Compile(schema, out _, out var notCompiled);

        Assert.Null(compiled);
        Assert.Contains(reason, notCompiled, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenATypeUsesAKeywordNotCompiled_StillValidatesItWithJsonSchemaNet()
    {
        using var directory = new TempSchemaDirectory();
        directory.Edit("wallet-click.v1.schema.json", schema => schema["properties"]!["properties"]!["properties"]!["name"]!["minLength"] = 3);
        var catalog = SchemaCatalog.Load(directory.Path);
        var type = catalog.EventTypes.Single(t => t.Slug == "wallet-click");
        var valid = File.ReadAllBytes(ExampleTests.FirstValidExample(TestCatalog.Type("wallet-click")).Path);

        Assert.Contains("keyword 'minLength'", type.NotCompiled, StringComparison.Ordinal);
        Assert.True(catalog.Validate(type, valid).IsValid);
        Assert.False(catalog.Validate(type, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace("\"Wallet click\"", "\"W\"", StringComparison.Ordinal))).IsValid);
        Assert.All(catalog.EventTypes.Where(t => t.Slug != "wallet-click"), other => Assert.Null(other.NotCompiled));
    }

    private static (int Valid, int Invalid) AssertAgrees(EventType type, IEnumerable<(string What, byte[] Payload)> payloads)
    {
        int valid = 0, invalid = 0;
        foreach (var (what, payload) in payloads)
        {
            var reference = TestCatalog.Instance.Validate(type, payload, useCompiled: false);
            var compiled = TestCatalog.Instance.Validate(type, payload, useCompiled: true);
            var compiledAlone = CompiledAlone(type, payload);
            Assert.True(
                reference.Outcome == compiled.Outcome && (compiledAlone is null || compiledAlone == reference.IsValid),
                $"{type.Slug}, {what}: JsonSchema.Net says {reference.Outcome}, the compiled check {compiledAlone}; payload {Encoding.UTF8.GetString(payload)}");
            Assert.Equal(reference.Errors, compiled.Errors);
            _ = reference.IsValid ? valid++ : invalid++;
        }

        return (valid, invalid);
    }

    /// <summary>The compiled check's own answer, for payloads that are JSON objects (the only ones it is asked about).</summary>
    private static bool? CompiledAlone(EventType type, byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object ? type.Compiled!.IsValid(document.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static CompiledSchema? Compile(string schema, out JsonSchema reference) => Compile(schema, out reference, out _);

    private static CompiledSchema? Compile(string schema, out JsonSchema reference, out string? notCompiled)
    {
        var id = new Uri("https://example.test/s.json");
        var root = JsonDocument.Parse(schema).RootElement.Clone();
        reference = JsonSchema.Build(root, new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 }, id);
        return SchemaCompiler.TryCompile(id, uri => uri == id ? root : null, out notCompiled);
    }
}
