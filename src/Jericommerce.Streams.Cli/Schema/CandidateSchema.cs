using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Schema;

/// <summary>
/// A schema file not (or not yet so) in the catalog, loaded the way the worker would load it: a copy of the catalog's
/// folder with the file in it and its entry added or changed, so every check the worker makes at start-up applies.
/// </summary>
internal static partial class CandidateSchema
{
    /// <summary>The catalog with <paramref name="schemaFile"/> as its type's schema, and that type.</summary>
    public static (SchemaCatalog Catalog, EventType Type) Load(string catalogDirectory, string schemaFile)
    {
        var name = Path.GetFileName(schemaFile);
        var match = FileName().Match(name);
        if (!File.Exists(schemaFile) || !match.Success)
        {
            throw CliException.Usage($"{schemaFile}: expected an existing file named <slug>.v<major>.schema.json");
        }

        var slug = match.Groups["slug"].Value;
        var version = int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("jcs-schema-check-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(catalogDirectory, "*.json"))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }

            File.Copy(schemaFile, Path.Combine(folder.FullName, name), overwrite: true);
            var catalogPath = Path.Combine(folder.FullName, SchemaDirectory.CatalogFileName);
            var catalog = JsonNode.Parse(File.ReadAllText(catalogPath))!;
            var types = catalog["eventTypes"]!.AsArray();
            var entry = types.FirstOrDefault(t => (string?)t!["slug"] == slug)?.AsObject();
            if (entry is null)
            {
                entry = new JsonObject { ["slug"] = slug, ["headerNames"] = new JsonArray(slug) };
                types.Add(entry);
            }

            entry["schema"] = name;
            entry["schemaVersion"] = version;
            entry["topicSuffix"] = $"{slug}.v{version}";
            File.WriteAllText(catalogPath, catalog.ToJsonString());
            try
            {
                var loaded = SchemaCatalog.Load(folder.FullName);
                return (loaded, loaded.EventTypes.Single(t => t.Slug == slug));
            }
            catch (SchemaCatalogException ex)
            {
                throw new CliException($"{schemaFile} cannot be used: {ex.Message}", ex);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^(?<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.v(?<version>[1-9][0-9]{0,3})\.schema\.json$")]
    private static partial Regex FileName();
}
