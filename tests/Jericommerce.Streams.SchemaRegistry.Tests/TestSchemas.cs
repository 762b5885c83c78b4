using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.SchemaRegistry.Tests;

/// <summary>The repository's catalog, and its typed topics' registry schemas, loaded once.</summary>
internal static class TestSchemas
{
    public static readonly SchemaCatalog Catalog = SchemaCatalog.Load(SchemaDirectory.Default);

    public static readonly IReadOnlyList<TypedTopicSchema> All = TypedTopicSchema.ForCatalog(Catalog);

    public static TypedTopicSchema Of(string slug) => All.Single(s => s.EventType.Slug == slug);

    public static byte[] Example(string fileName) => File.ReadAllBytes(Path.Combine(SchemaDirectory.Default, "examples", fileName));

    public static IEnumerable<string> ExampleFiles() =>
        Directory.EnumerateFiles(Path.Combine(SchemaDirectory.Default, "examples"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;
}
