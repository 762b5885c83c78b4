using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Schemas.Tests;

/// <summary>A throw-away copy of the real schema directory, to break or extend.</summary>
internal sealed class TempSchemaDirectory : IDisposable
{
    public TempSchemaDirectory()
    {
        Path = Directory.CreateTempSubdirectory("jericommerce-schemas-").FullName;
        foreach (var file in Directory.EnumerateFiles(SchemaDirectory.Default, "*.json"))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Write(string name, string content) => System.IO.File.WriteAllText(File(name), content);

    public void Edit(string name, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(System.IO.File.ReadAllText(File(name)))!;
        change(node);
        Write(name, node.ToJsonString());
    }

    public void EditCatalogEntry(string slug, Action<JsonObject> change) =>
        Edit(SchemaDirectory.CatalogFileName, catalog => change(catalog["eventTypes"]!.AsArray().Single(entry => (string?)entry!["slug"] == slug)!.AsObject()));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
