using Jericommerce.Streams.Schemas.Compiled;
using Json.Schema;

namespace Jericommerce.Streams.Schemas;

/// <summary>One Jericommerce event type from the catalog, with its compiled schema.</summary>
public sealed class EventType
{
    internal EventType(
        string slug,
        IReadOnlyList<string> headerNames,
        string schemaFile,
        int schemaVersion,
        Uri schemaId,
        string topicSuffix,
        string topic,
        JsonSchema schema)
    {
        Slug = slug;
        HeaderNames = headerNames;
        SchemaFile = schemaFile;
        SchemaVersion = schemaVersion;
        SchemaId = schemaId;
        TopicSuffix = topicSuffix;
        Topic = topic;
        Schema = schema;
    }

    /// <summary>Stable identifier, e.g. <c>wallet-click</c>.</summary>
    public string Slug { get; }

    /// <summary>The <c>x-jericommerce-event-type</c> values the catalog lists for this type, as documented.</summary>
    public IReadOnlyList<string> HeaderNames { get; }

    /// <summary>File name of the schema inside the schema directory, e.g. <c>wallet-click.v1.schema.json</c>.</summary>
    public string SchemaFile { get; }

    /// <summary>Major version of the schema (and of the typed topic).</summary>
    public int SchemaVersion { get; }

    /// <summary>The schema's <c>$id</c>.</summary>
    public Uri SchemaId { get; }

    /// <summary>Topic name without the configurable prefix, e.g. <c>wallet-click.v1</c>.</summary>
    public string TopicSuffix { get; }

    /// <summary>Full typed topic: the catalog's topic prefix, a dot, then <see cref="TopicSuffix"/>.</summary>
    public string Topic { get; }

    internal JsonSchema Schema { get; }

    /// <summary>The schema compiled for the yes/no check of valid payloads; null when only JsonSchema.Net evaluates it.</summary>
    internal CompiledSchema? Compiled { get; private set; }

    /// <summary>
    /// Why <see cref="Compiled"/> is null (the keyword and where), for the start-up log; null when compiled.
    /// Such a type is validated exactly the same, only slower.
    /// </summary>
    public string? NotCompiled { get; private set; }

    /// <summary>Set once by the loader, when every schema is loaded and before the catalog is handed out.</summary>
    internal void SetCompiled(CompiledSchema? compiled, string? notCompiled)
    {
        Compiled = compiled;
        NotCompiled = notCompiled;
    }

    public override string ToString() => Slug;
}
