using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Send;

/// <summary>The valid example events in <c>schemas/examples</c>, each with its type's documented header name.</summary>
internal static class ExampleEvents
{
    /// <summary>
    /// Every <c>&lt;slug&gt;.valid*.json</c> of a catalog type, in catalog order; with <paramref name="eventType"/>,
    /// only that type's, sent with that exact header value (so header matching can be tried too).
    /// </summary>
    public static IReadOnlyList<EventTemplate> Load(SchemaCatalog catalog, string? eventType = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var directory = Path.Combine(catalog.Directory, "examples");
        if (!Directory.Exists(directory))
        {
            throw new Common.CliException($"no examples folder at {directory}: pass --schemas <folder with examples/>");
        }

        IEnumerable<EventType> types = catalog.EventTypes;
        if (eventType is not null)
        {
            types = catalog.TryResolve(eventType, out var only)
                ? [only]
                : throw Common.CliException.Usage($"--type '{eventType}' names no event type in the catalog (try one of: {string.Join(", ", catalog.EventTypes.Select(t => t.HeaderNames[0]))})");
        }

        var templates = new List<EventTemplate>();
        foreach (var type in types)
        {
            // The plain <slug>.valid.json first: it is the fullest example, and demo picks it as the type's event.
            var files = Directory.GetFiles(directory, $"{type.Slug}.valid*.json")
                .OrderBy(f => Path.GetFileName(f).Length)
                .ThenBy(f => f, StringComparer.Ordinal);
            templates.AddRange(files.Select(f => new EventTemplate(Path.GetFileName(f), eventType ?? type.HeaderNames[0], File.ReadAllBytes(f))));
        }

        return templates.Count > 0 ? templates : throw new Common.CliException($"no valid examples in {directory}");
    }

    /// <summary>One example per type: <c>&lt;slug&gt;.valid.json</c>.</summary>
    public static IReadOnlyList<EventTemplate> OnePerType(SchemaCatalog catalog) =>
        [.. Load(catalog).GroupBy(t => t.Source[..t.Source.IndexOf(".valid", StringComparison.Ordinal)]).Select(g => g.First())];

    /// <summary>An example file's bytes (valid or not), by name.</summary>
    public static byte[] Read(SchemaCatalog catalog, string fileName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var path = Path.Combine(catalog.Directory, "examples", fileName);
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new Common.CliException($"example {path} is missing");
    }
}
