using System.Text.Json;
using Jericommerce.Streams.Schemas;
using Json.Schema;

namespace Jericommerce.Streams.Schemas.Tests;

public sealed class SchemaFileTests
{
    public static TheoryData<string> SchemaFiles =>
        new(Directory.EnumerateFiles(SchemaDirectory.Default, "*.schema.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void SchemaFile_IsAValidDraft202012Schema(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SchemaDirectory.Default, fileName)));

        var result = MetaSchemas.Draft202012.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Values)));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", document.RootElement.GetProperty("$schema").GetString());
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void SchemaFile_IsUsedByTheCatalog(string fileName)
    {
        var catalog = ReadCatalogJson();
        var used = catalog.GetProperty("sharedSchemas").EnumerateArray().Select(e => e.GetString())
            .Concat(catalog.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetProperty("schema").GetString()));

        Assert.Contains(fileName, used);
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void SchemaFile_ReferencesTheBaseInsteadOfCopyingIt(string fileName)
    {
        if (fileName == "base.v1.schema.json")
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SchemaDirectory.Default, fileName)));

        Assert.Equal("base.v1.schema.json", document.RootElement.GetProperty("$ref").GetString());
        Assert.False(document.RootElement.TryGetProperty("required", out _), "the base's required fields belong to the base");
    }

    [Fact]
    public void Catalog_ListsTheTenKnownEventTypes()
    {
        Assert.Equal(
            ["wallet-click", "wallet-visit", "wallet-pass-installed", "wallet-pass-uninstalled", "customer-scanned", "customer-created", "wallet-pass-requested", "customer-birthday", "customer-tapped", "balance-changed"],
            TestCatalog.Instance.EventTypes.Select(type => type.Slug));
    }

    [Fact]
    public void Catalog_EveryTypeHasASchemaFileAndAValidExample()
    {
        var examples = ExampleFile.All().ToList();
        foreach (var type in TestCatalog.Instance.EventTypes)
        {
            Assert.True(File.Exists(Path.Combine(SchemaDirectory.Default, type.SchemaFile)), type.SchemaFile);
            Assert.Contains(examples, example => example.IsValid && example.Slug == type.Slug);
        }
    }

    [Fact]
    public void Catalog_EveryExampleNamesAKnownTypeOrAny()
    {
        var slugs = TestCatalog.Instance.EventTypes.Select(type => type.Slug).ToHashSet();

        Assert.All(ExampleFile.All(), example => Assert.True(example.Slug is null || slugs.Contains(example.Slug), example.FileName));
    }

    [Fact]
    public void Catalog_TopicsAreTheSlugAndMajorVersionUnderThePrefix()
    {
        Assert.All(TestCatalog.Instance.EventTypes, type =>
        {
            Assert.Equal($"{type.Slug}.v{type.SchemaVersion}", type.TopicSuffix);
            Assert.Equal($"jericommerce.{type.Slug}.v{type.SchemaVersion}", type.Topic);
            Assert.Equal(new Uri($"https://schemas.jericommerce-streams.dev/{type.SchemaFile}"), type.SchemaId);
        });
    }

    [Fact]
    public void Load_WithATopicPrefix_PutsItInFrontOfEveryTopic()
    {
        var catalog = SchemaCatalog.Load(SchemaDirectory.Default, "staging.jericommerce");

        Assert.Equal("staging.jericommerce.wallet-click.v1", catalog.EventTypes.Single(type => type.Slug == "wallet-click").Topic);
    }

    [Fact]
    public void SchemaDirectory_Default_HoldsTheCatalogCopiedNextToTheBinaries()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "schemas", "catalog.json")));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "schemas"), SchemaDirectory.Default);
    }

    [Fact]
    public void SchemaDirectory_Find_FromTheRepositoryRoot_FindsTheSourceSchemas()
    {
        var root = TestCatalog.RepositoryRoot();

        Assert.Equal(Path.Combine(root, "schemas"), SchemaDirectory.Find(root));
    }

    private static JsonElement ReadCatalogJson()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SchemaDirectory.Default, SchemaDirectory.CatalogFileName)));
        return document.RootElement.Clone();
    }
}
