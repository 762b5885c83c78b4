using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Tests.Support;

/// <summary>
/// A copy of the schema folder whose catalog lacks one type: a worker loading it dead-letters that type's events
/// as <c>unknown-event-type</c>, which the full catalog then fixes, the way a schema release fixes dead letters.
/// </summary>
internal sealed class ReducedSchemas : IDisposable
{
    public ReducedSchemas(string withoutSlug)
    {
        Directory.CreateDirectory(Path);
        foreach (var file in System.IO.Directory.GetFiles(SchemaDirectory.Default))
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }

        var catalogPath = System.IO.Path.Combine(Path, SchemaDirectory.CatalogFileName);
        var catalog = JsonNode.Parse(File.ReadAllText(catalogPath))!.AsObject();
        var types = catalog["eventTypes"]!.AsArray();
        types.Remove(types.Single(t => t!["slug"]!.GetValue<string>() == withoutSlug));
        File.WriteAllText(catalogPath, catalog.ToJsonString());
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"jcs-schemas-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
