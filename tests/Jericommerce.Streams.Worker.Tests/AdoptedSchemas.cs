using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>
/// A copy of the schema folder with one more type adopted, as a user adds it after <c>jcs schema infer</c>: its schema
/// file (<c>$ref</c> to the base, constraints on <c>properties</c>) and its catalog entry under the slug the worker
/// routed it by on its envelope, so the same topic.
/// </summary>
internal sealed class AdoptedSchemas : IDisposable
{
    public AdoptedSchemas(string slug, string headerName, string propertiesSchema)
    {
        Directory.CreateDirectory(Path);
        foreach (var file in System.IO.Directory.GetFiles(SchemaDirectory.Default))
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }

        SchemaFile = $"{slug}.v1.schema.json";
        File.WriteAllText(System.IO.Path.Combine(Path, SchemaFile), $$"""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://schemas.jericommerce-streams.dev/{{SchemaFile}}",
              "$ref": "base.v1.schema.json",
              "properties": { "properties": {{propertiesSchema}} }
            }
            """);
        var catalogPath = System.IO.Path.Combine(Path, SchemaDirectory.CatalogFileName);
        var catalog = JsonNode.Parse(File.ReadAllText(catalogPath))!.AsObject();
        catalog["eventTypes"]!.AsArray().Add(new JsonObject
        {
            ["slug"] = slug,
            ["headerNames"] = new JsonArray(headerName),
            ["schema"] = SchemaFile,
            ["schemaVersion"] = 1,
            ["topicSuffix"] = $"{slug}.v1",
        });
        File.WriteAllText(catalogPath, catalog.ToJsonString());
    }

    /// <summary>The folder, for <c>Worker:SchemasPath</c>.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"jcs-adopted-{Guid.NewGuid():N}");

    public string SchemaFile { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
