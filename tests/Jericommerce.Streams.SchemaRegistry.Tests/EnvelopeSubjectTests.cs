using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.SchemaRegistry.Tests;

/// <summary>What is registered for the topic of a type outside the catalog: the envelope schema under that topic's subject.</summary>
public sealed class EnvelopeSubjectTests
{
    [Fact]
    public void ForEnvelope_IsTheBundledEnvelopeSchema_UnderTheTopicsValueSubject_NamedLikeACatalogTypes()
    {
        var schema = TypedTopicSchema.ForEnvelope(TestSchemas.Catalog, "jericommerce.reward-redeemed.v1");

        Assert.Equal("jericommerce.reward-redeemed.v1", schema.Topic);
        Assert.Equal("jericommerce.reward-redeemed.v1-value", schema.Subject);
        Assert.Same(TestSchemas.Catalog.Envelope, schema.EventType);
        var bundled = JsonNode.Parse(schema.SchemaText)!;
        Assert.Equal("https://schemas.jericommerce-streams.dev/base.v1.schema.json", (string?)bundled["$id"]);
        Assert.Null(bundled["$ref"]);

        // Once adopted under the same slug, the type's own schema has the same subject.
        Assert.Equal(TestSchemas.Of("wallet-click").Subject, TypedTopicSchema.ForEnvelope(TestSchemas.Catalog, TestSchemas.Of("wallet-click").Topic).Subject);
    }

    [Fact]
    public void WithTopic_KeepsTheSchemaText_AndChangesOnlyTheTopicAndSubject()
    {
        var first = TypedTopicSchema.ForEnvelope(TestSchemas.Catalog, "p.tier-changed.v1");

        var second = first.WithTopic("p.check-in.v1");

        Assert.Equal("p.check-in.v1-value", second.Subject);
        Assert.Equal(first.SchemaText, second.SchemaText);
        Assert.Same(first.EventType, second.EventType);
    }

    [Fact]
    public void ForEnvelope_WithoutAnEnvelopeInTheCatalog_Fails()
    {
        using var folder = new TempFolder();
        foreach (var file in Directory.GetFiles(SchemaDirectory.Default))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        var catalogPath = Path.Combine(folder.Path, SchemaDirectory.CatalogFileName);
        var catalog = JsonNode.Parse(File.ReadAllText(catalogPath))!.AsObject();
        catalog.Remove("envelope");
        File.WriteAllText(catalogPath, catalog.ToJsonString());

        Assert.Throws<InvalidOperationException>(() => TypedTopicSchema.ForEnvelope(SchemaCatalog.Load(folder.Path), "p.x.v1"));
    }
}
