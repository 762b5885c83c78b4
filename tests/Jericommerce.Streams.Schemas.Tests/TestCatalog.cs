using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Schemas.Tests;

/// <summary>The catalog as an application would load it: from the schemas/ copied next to the binaries.</summary>
internal static class TestCatalog
{
    private static readonly Lazy<SchemaCatalog> Lazy = new(() => SchemaCatalog.Load(SchemaDirectory.Default));

    public static SchemaCatalog Instance => Lazy.Value;

    public static string ExamplesDirectory => Path.Combine(SchemaDirectory.Default, "examples");

    public static EventType Type(string slug) => Instance.EventTypes.Single(type => type.Slug == slug);

    /// <summary>The checkout's root, for files that are not copied to the output (README.md).</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Jericommerce.Streams.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Jericommerce.Streams.sln above {AppContext.BaseDirectory}.");
    }
}
