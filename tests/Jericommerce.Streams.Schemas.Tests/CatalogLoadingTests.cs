using System.Text;
using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Schemas.Tests;

public sealed class CatalogLoadingTests
{
    [Fact]
    public void Load_WhenTheCatalogIsMissing_FailsNamingIt()
    {
        using var directory = new TempSchemaDirectory();
        File.Delete(directory.File("catalog.json"));

        AssertFailsNaming(directory, "catalog.json");
    }

    [Fact]
    public void Load_WhenTheCatalogIsNotJson_FailsNamingIt()
    {
        using var directory = new TempSchemaDirectory();
        directory.Write("catalog.json", "{ \"eventTypes\": [ ");

        AssertFailsNaming(directory, "catalog.json");
    }

    [Fact]
    public void Load_WhenACatalogEntryHasAMisspeltKey_FailsNamingTheCatalog()
    {
        using var directory = new TempSchemaDirectory();
        directory.EditCatalogEntry("wallet-click", entry =>
        {
            entry["topicSufix"] = entry["topicSuffix"]!.DeepClone();
            entry.Remove("topicSuffix");
        });

        AssertFailsNaming(directory, "catalog.json");
    }

    [Fact]
    public void Load_WhenAHeaderNameIsNull_FailsNamingTheCatalog()
    {
        using var directory = new TempSchemaDirectory();
        directory.EditCatalogEntry("wallet-click", entry => entry["headerNames"]!.AsArray().Add(null));

        AssertFailsNaming(directory, "catalog.json");
    }

    [Fact]
    public void Load_WhenTwoTypesShareAHeaderName_FailsNamingTheCatalog()
    {
        using var directory = new TempSchemaDirectory();
        directory.EditCatalogEntry("wallet-visit", entry => entry["headerNames"]!.AsArray().Add("WALLET_CLICK"));

        var exception = AssertFailsNaming(directory, "catalog.json");
        Assert.Contains("wallet-click", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenASchemaFileIsMissing_FailsNamingIt()
    {
        using var directory = new TempSchemaDirectory();
        File.Delete(directory.File("customer-scanned.v1.schema.json"));

        AssertFailsNaming(directory, "customer-scanned.v1.schema.json");
    }

    [Fact]
    public void Load_WhenASchemaFileIsNotJson_FailsNamingIt()
    {
        using var directory = new TempSchemaDirectory();
        directory.Write("wallet-visit.v1.schema.json", "{ \"$schema\": ");

        AssertFailsNaming(directory, "wallet-visit.v1.schema.json");
    }

    [Fact]
    public void Load_WhenASchemaBreaksTheMetaSchema_FailsNamingIt()
    {
        using var directory = new TempSchemaDirectory();
        directory.Edit("customer-created.v1.schema.json", schema => schema["properties"]!["properties"]!["required"] = "email");

        AssertFailsNaming(directory, "customer-created.v1.schema.json");
    }

    [Fact]
    public void Load_WhenASchemaDoesNotDeclareDraft202012_FailsNamingIt()
    {
        using var directory = new TempSchemaDirectory();
        directory.Edit("wallet-click.v1.schema.json", schema => schema.AsObject().Remove("$schema"));

        AssertFailsNaming(directory, "wallet-click.v1.schema.json");
    }

    [Fact]
    public void Load_WhenASchemaIdDoesNotMatchItsFileName_FailsNamingIt()
    {
        using var directory = new TempSchemaDirectory();
        directory.Edit("wallet-click.v1.schema.json", schema => schema["$id"] = "https://schemas.jericommerce-streams.dev/wallet-visit.v1.schema.json");

        AssertFailsNaming(directory, "wallet-click.v1.schema.json");
    }

    [Fact]
    public void Load_WhenARefPointsAtAnUnknownFile_FailsNamingTheReferringFile()
    {
        using var directory = new TempSchemaDirectory();
        directory.Edit("wallet-pass-installed.v1.schema.json", schema => schema["$ref"] = "bsae.v1.schema.json");

        AssertFailsNaming(directory, "wallet-pass-installed.v1.schema.json");
    }

    [Fact]
    public void Load_WhenARefPointsAtAMissingDefinition_FailsNamingTheReferringFile()
    {
        using var directory = new TempSchemaDirectory();
        directory.Edit("customer-scanned.v1.schema.json", schema => schema["properties"]!["properties"]!["properties"]!["shopId"] = new JsonObject { ["$ref"] = "base.v1.schema.json#/$defs/shopId" });

        AssertFailsNaming(directory, "customer-scanned.v1.schema.json");
    }

    [Fact]
    public void Load_WhenTheSharedBaseIsNotListed_FailsNamingAFileThatNeedsIt()
    {
        using var directory = new TempSchemaDirectory();
        directory.Edit("catalog.json", catalog =>
        {
            catalog["sharedSchemas"] = new JsonArray();
            catalog.AsObject().Remove("envelope");
        });

        AssertFailsNaming(directory, "wallet-click.v1.schema.json");
    }

    [Fact]
    public void Load_WhenTheSchemaFileNameDoesNotCarryTheVersion_FailsNamingTheCatalog()
    {
        using var directory = new TempSchemaDirectory();
        directory.EditCatalogEntry("wallet-click", entry => entry["schemaVersion"] = 2);

        AssertFailsNaming(directory, "catalog.json");
    }

    [Fact]
    public void Load_WithANewSchemaFileAndCatalogEntry_ServesTheNewType()
    {
        using var directory = new TempSchemaDirectory();
        directory.Write("reward-granted.v1.schema.json", """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://schemas.jericommerce-streams.dev/reward-granted.v1.schema.json",
              "$ref": "base.v1.schema.json",
              "properties": { "properties": { "required": ["grantedOn"], "properties": { "grantedOn": { "type": "string", "format": "date" } } } }
            }
            """);
        directory.Edit("catalog.json", catalog => catalog["eventTypes"]!.AsArray().Add(new JsonObject
        {
            ["slug"] = "reward-granted",
            ["headerNames"] = new JsonArray("Reward granted"),
            ["schema"] = "reward-granted.v1.schema.json",
            ["schemaVersion"] = 1,
            ["topicSuffix"] = "reward-granted.v1",
        }));

        var catalog = SchemaCatalog.Load(directory.Path);

        Assert.True(catalog.TryResolve("reward_granted", out var type));
        Assert.Equal("jericommerce.reward-granted.v1", type.Topic);
        var payload = """{"id":"e","customerId":"c","createdAt":"2025-03-14T09:00:00Z","properties":{"grantedOn":"1990-03-14"}}""";
        Assert.True(catalog.Validate(type, Encoding.UTF8.GetBytes(payload)).IsValid);
        var badDate = payload.Replace("1990-03-14", "14/03/1990", StringComparison.Ordinal);
        Assert.Equal("/properties/grantedOn", Assert.Single(catalog.Validate(type, Encoding.UTF8.GetBytes(badDate)).Errors).Pointer);
    }

    [Fact]
    public void Load_TwiceFromTheSameDirectory_Works()
    {
        var first = SchemaCatalog.Load(SchemaDirectory.Default);
        var second = SchemaCatalog.Load(SchemaDirectory.Default);

        Assert.Equal(first.EventTypes.Select(type => type.Slug), second.EventTypes.Select(type => type.Slug));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad prefix")]
    [InlineData("jericommerce/")]
    public void Load_WithAnUnusableTopicPrefix_Throws(string prefix)
    {
        Assert.ThrowsAny<ArgumentException>(() => SchemaCatalog.Load(SchemaDirectory.Default, prefix));
    }

    private static SchemaCatalogException AssertFailsNaming(TempSchemaDirectory directory, string fileName)
    {
        var exception = Assert.Throws<SchemaCatalogException>(() => SchemaCatalog.Load(directory.Path));
        Assert.Equal(directory.File(fileName), exception.FilePath);
        Assert.Contains(fileName, exception.Message, StringComparison.Ordinal);
        return exception;
    }
}
