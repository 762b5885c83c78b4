namespace Jericommerce.Streams.Schemas;

/// <summary>Where the schema files are at run time.</summary>
public static class SchemaDirectory
{
    /// <summary>Name of the catalog file inside a schema directory.</summary>
    public const string CatalogFileName = "catalog.json";

    /// <summary>
    /// The <c>schemas/</c> folder next to the application's binaries: referencing this library copies the
    /// repository's <c>schemas/</c> there, so a build output is self-contained.
    /// </summary>
    public static string Default => Path.Combine(AppContext.BaseDirectory, "schemas");

    /// <summary>
    /// The nearest <c>schemas/</c> folder holding a catalog, looking in <paramref name="startDirectory"/>
    /// (default: the application's base directory) and then in each parent; for tools run from a checkout
    /// where nothing was copied.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder up to the file system root.</exception>
    public static string Find(string? startDirectory = null)
    {
        for (var directory = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "schemas");
            if (File.Exists(Path.Combine(candidate, CatalogFileName)))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No schemas/{CatalogFileName} in {startDirectory ?? AppContext.BaseDirectory} or any parent directory.");
    }
}
