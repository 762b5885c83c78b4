using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker.Routing;

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

    /// <summary>
    /// Before the fix: runs a worker on a closed catalog without <paramref name="slug"/> until the raw topic's one event
    /// of that type is dead-lettered as unknown-event-type, then stops it.
    /// </summary>
    public static async Task DeadLetterAsync(PipelineTopics topics, string bootstrapServers, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        using var before = new ReducedSchemas(withoutSlug: slug);
        await using (await InProcessWorker.StartAsync(topics.ClosedCatalogSettings(bootstrapServers, before.Path)))
        {
            var letter = Assert.Single(await TopicReader.ReadAsync(bootstrapServers, topics.DeadLetter, 1, cancellationToken: cancellationToken));
            Assert.Equal(DeadLetterKinds.UnknownEventType, letter.Message.Headers.GetText(RecordHeaders.ErrorKind));
        }
    }
}
