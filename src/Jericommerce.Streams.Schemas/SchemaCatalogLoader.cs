using System.Collections.Frozen;
using System.Text.Json;
using Jericommerce.Streams.Schemas.Compiled;
using Json.Pointer;
using Json.Schema;

namespace Jericommerce.Streams.Schemas;

/// <summary>
/// Reads a schema directory into a <see cref="SchemaCatalog"/>, checking everything it can up front so that a
/// broken file stops start-up with its name instead of failing later on the first event of that type.
/// </summary>
internal static class SchemaCatalogLoader
{
    private const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    // Kafka's own limits on topic names.
    private const int MaxTopicLength = 249;

    private static readonly EvaluationOptions MetaSchemaOptions = new() { OutputFormat = OutputFormat.List };
    private static readonly EvaluationOptions WarmUpOptions = new() { OutputFormat = OutputFormat.Flag };

    public static SchemaCatalog Load(string directory, string topicPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(topicPrefix);
        if (!IsTopicText(topicPrefix))
        {
            throw new ArgumentException($"Topic prefix '{topicPrefix}' may only contain letters, digits, '.', '_' and '-'.", nameof(topicPrefix));
        }

        directory = Path.GetFullPath(directory);
        var catalogPath = Path.Combine(directory, SchemaDirectory.CatalogFileName);
        var catalog = ReadCatalog(catalogPath);

        // A registry per catalog: the global one refuses a second registration of the same $id, which loading twice
        // (tests, reloads) would do.
        var buildOptions = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        var loaded = new Dictionary<Uri, LoadedSchema>();
        foreach (var shared in catalog.SharedSchemas)
        {
            LoadSchema(directory, catalogPath, shared, buildOptions, loaded);
        }

        var envelope = LoadEnvelope(directory, catalogPath, catalog, buildOptions, loaded);
        var eventTypes = new List<EventType>(catalog.EventTypes.Count);
        var byHeaderName = new Dictionary<string, EventType>(StringComparer.Ordinal);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var topics = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < catalog.EventTypes.Count; i++)
        {
            var entry = catalog.EventTypes[i];
            var where = $"eventTypes[{i}] ({entry.Slug})";
            CheckEntry(catalogPath, where, entry, topicPrefix);
            if (!slugs.Add(entry.Slug))
            {
                throw new SchemaCatalogException(catalogPath, $"{where}: slug '{entry.Slug}' is listed twice.");
            }

            if (!topics.Add(entry.TopicSuffix))
            {
                throw new SchemaCatalogException(catalogPath, $"{where}: topicSuffix '{entry.TopicSuffix}' is used by another type.");
            }

            var schema = LoadSchema(directory, catalogPath, entry.Schema, buildOptions, loaded);
            var eventType = new EventType(
                entry.Slug,
                Array.AsReadOnly(entry.HeaderNames.ToArray()),
                entry.Schema,
                entry.SchemaVersion,
                schema.Id,
                entry.TopicSuffix,
                $"{topicPrefix}.{entry.TopicSuffix}",
                schema.Schema);
            eventTypes.Add(eventType);

            foreach (var headerName in entry.HeaderNames)
            {
                var key = HeaderNameNormalizer.Normalize(headerName);
                if (key.Length == 0)
                {
                    throw new SchemaCatalogException(catalogPath, $"{where}: header name '{headerName}' has no letters or digits.");
                }

                if (byHeaderName.TryGetValue(key, out var other) && other != eventType)
                {
                    throw new SchemaCatalogException(catalogPath, $"{where}: header name '{headerName}' also selects '{other.Slug}'.");
                }

                byHeaderName[key] = eventType;
            }
        }

        // $ref targets resolve lazily, at the first evaluation that reaches them: check them all now instead.
        foreach (var schema in loaded.Values)
        {
            CheckReferences(schema, buildOptions.SchemaRegistry, loaded);
        }

        foreach (var eventType in envelope is null ? eventTypes : eventTypes.Append(envelope))
        {
            var compiled = SchemaCompiler.TryCompile(eventType.SchemaId, id => loaded.TryGetValue(id, out var document) ? document.Root : null, out var notCompiled);
            eventType.SetCompiled(compiled, notCompiled);
        }

        // A schema links its $refs on its first evaluation, unsynchronised: do it here, on one thread, before any
        // payload arrives.
        using (var empty = JsonDocument.Parse("{}"))
        {
            foreach (var eventType in envelope is null ? eventTypes : eventTypes.Append(envelope))
            {
                eventType.Schema.Evaluate(empty.RootElement, WarmUpOptions);
            }
        }

        return new SchemaCatalog(directory, topicPrefix, eventTypes.AsReadOnly(), byHeaderName.ToFrozenDictionary(StringComparer.Ordinal), envelope);
    }

    /// <summary>The envelope schema as a pseudo type (no header names, no topic of its own), or null when none is declared.</summary>
    private static EventType? LoadEnvelope(string directory, string catalogPath, CatalogFile catalog, BuildOptions buildOptions, Dictionary<Uri, LoadedSchema> loaded)
    {
        if (catalog.Envelope is not { } entry)
        {
            return null;
        }

        // Only a shared schema: every type references it, so an event that passes a type's schema passes the envelope too.
        if (!catalog.SharedSchemas.Contains(entry.Schema, StringComparer.Ordinal))
        {
            throw new SchemaCatalogException(catalogPath, $"envelope: schema '{entry.Schema}' must be one of sharedSchemas.");
        }

        if (entry.SchemaVersion < 1)
        {
            throw new SchemaCatalogException(catalogPath, "envelope: schemaVersion must be 1 or more.");
        }

        var schema = LoadSchema(directory, catalogPath, entry.Schema, buildOptions, loaded);
        return new EventType(SchemaCatalog.EnvelopeSlug, [], entry.Schema, entry.SchemaVersion, schema.Id, string.Empty, string.Empty, schema.Schema);
    }

    private static CatalogFile ReadCatalog(string catalogPath)
    {
        if (!File.Exists(catalogPath))
        {
            throw new SchemaCatalogException(catalogPath, "catalog file not found.");
        }

        CatalogFile? catalog;
        try
        {
            using var stream = File.OpenRead(catalogPath);
            catalog = JsonSerializer.Deserialize(stream, CatalogJsonContext.Default.CatalogFile);
        }
        catch (JsonException ex)
        {
            throw new SchemaCatalogException(catalogPath, $"not a valid catalog: {ex.Message}", ex);
        }

        if (catalog is null || catalog.EventTypes.Count == 0)
        {
            throw new SchemaCatalogException(catalogPath, "the catalog lists no event types.");
        }

        // The serializer checks nullability of properties, not of list items.
        if (catalog.EventTypes.Any(entry => entry is null)
            || catalog.SharedSchemas.Any(string.IsNullOrWhiteSpace)
            || catalog.EventTypes.Any(entry => entry.HeaderNames.Any(string.IsNullOrWhiteSpace)))
        {
            throw new SchemaCatalogException(catalogPath, "an eventTypes, sharedSchemas or headerNames item is null or empty.");
        }

        return catalog;
    }

    private static void CheckEntry(string catalogPath, string where, CatalogEntry entry, string topicPrefix)
    {
        if (entry.Slug.Length == 0 || !entry.Slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new SchemaCatalogException(catalogPath, $"{where}: slug must be lower-case letters, digits and '-'.");
        }

        if (entry.HeaderNames.Count == 0)
        {
            throw new SchemaCatalogException(catalogPath, $"{where}: headerNames is empty.");
        }

        if (entry.SchemaVersion < 1)
        {
            throw new SchemaCatalogException(catalogPath, $"{where}: schemaVersion must be 1 or more.");
        }

        // The version lives in the file name so that a v2 schema sits beside v1 instead of replacing it.
        var expectedFile = $"{entry.Slug}.v{entry.SchemaVersion}.schema.json";
        if (!string.Equals(entry.Schema, expectedFile, StringComparison.Ordinal))
        {
            throw new SchemaCatalogException(catalogPath, $"{where}: schema should be '{expectedFile}', not '{entry.Schema}'.");
        }

        if (entry.TopicSuffix.Length == 0 || !IsTopicText(entry.TopicSuffix) || topicPrefix.Length + 1 + entry.TopicSuffix.Length > MaxTopicLength)
        {
            throw new SchemaCatalogException(catalogPath, $"{where}: topicSuffix '{entry.TopicSuffix}' does not make a valid Kafka topic name.");
        }
    }

    private static LoadedSchema LoadSchema(string directory, string catalogPath, string fileName, BuildOptions buildOptions, Dictionary<Uri, LoadedSchema> loaded)
    {
        if (fileName.Length == 0 || fileName != Path.GetFileName(fileName))
        {
            throw new SchemaCatalogException(catalogPath, $"schema '{fileName}' must be a file name in the catalog's directory.");
        }

        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            throw new SchemaCatalogException(path, $"schema file not found (named in {SchemaDirectory.CatalogFileName}).");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            // Compiled schemas keep pointing at their source elements, so they must outlive this document.
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new SchemaCatalogException(path, $"not valid JSON: {ex.Message}", ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SchemaCatalogException(path, "a schema file must hold a JSON object.");
        }

        // Without $schema the library would pick its own newest dialect, not the 2020-12 the contract promises.
        if (!root.TryGetProperty("$schema", out var dialect) || dialect.ValueKind != JsonValueKind.String || dialect.GetString() != Draft202012)
        {
            throw new SchemaCatalogException(path, $"\"$schema\" must be \"{Draft202012}\".");
        }

        if (!root.TryGetProperty("$id", out var idElement)
            || !Uri.TryCreate(idElement.GetString(), UriKind.Absolute, out var id)
            || !string.IsNullOrEmpty(id.Fragment)
            || !id.AbsolutePath.EndsWith("/" + fileName, StringComparison.Ordinal))
        {
            throw new SchemaCatalogException(path, $"\"$id\" must be an absolute URI ending in /{fileName}, so that relative $refs between files resolve.");
        }

        if (loaded.TryGetValue(id, out var existing))
        {
            return existing.File == fileName
                ? existing
                : throw new SchemaCatalogException(path, $"\"$id\" {id} is already used by {existing.File}.");
        }

        var meta = MetaSchemas.Draft202012.Evaluate(root, MetaSchemaOptions);
        if (!meta.IsValid)
        {
            throw new SchemaCatalogException(path, $"not a valid draft 2020-12 schema: {DescribeErrors(meta)}");
        }

        JsonSchema schema;
        try
        {
            schema = JsonSchema.Build(root, buildOptions, id);
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException)
        {
            throw new SchemaCatalogException(path, $"cannot be compiled: {ex.Message}", ex);
        }

        var result = new LoadedSchema(fileName, path, id, root, schema);
        loaded.Add(id, result);
        return result;
    }

    private static void CheckReferences(LoadedSchema schema, SchemaRegistry registry, Dictionary<Uri, LoadedSchema> loaded)
    {
        foreach (var reference in FindReferences(schema.Root))
        {
            if (!Uri.TryCreate(schema.Id, reference, out var target))
            {
                throw new SchemaCatalogException(schema.Path, $"$ref \"{reference}\" is not a valid URI reference.");
            }

            var document = new UriBuilder(target) { Fragment = string.Empty }.Uri;
            if (registry.Get(document) is null)
            {
                throw new SchemaCatalogException(schema.Path, $"$ref \"{reference}\" points at {document}, which no loaded schema declares as its $id (list shared schemas under sharedSchemas in {SchemaDirectory.CatalogFileName}).");
            }

            // Pointer fragments into our own files can be checked here; anchors and other documents are the library's business.
            var fragment = Uri.UnescapeDataString(target.Fragment.TrimStart('#'));
            if (fragment.Length > 0
                && loaded.TryGetValue(document, out var targetSchema)
                && JsonPointer.TryParse(fragment, out var pointer)
                && pointer.Evaluate(targetSchema.Root) is null)
            {
                throw new SchemaCatalogException(schema.Path, $"$ref \"{reference}\": {targetSchema.File} has nothing at {fragment}.");
            }
        }
    }

    private static IEnumerable<string> FindReferences(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var reference in FindReferences(item))
                {
                    yield return reference;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is "$ref" && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return property.Value.GetString()!;
                }
                else if (property.Name is not ("const" or "enum" or "default" or "examples"))
                {
                    // Those hold instance data, where a "$ref" key is just data.
                    foreach (var reference in FindReferences(property.Value))
                    {
                        yield return reference;
                    }
                }
            }
        }
    }

    private static string DescribeErrors(EvaluationResults results)
    {
        var messages = (results.Details ?? [])
            .Prepend(results)
            .Where(node => node.Errors is { Count: > 0 })
            .SelectMany(node => node.Errors!.Select(error => $"{node.InstanceLocation}: {error.Value}"))
            .Take(5);
        return string.Join("; ", messages);
    }

    private static bool IsTopicText(string text) =>
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private sealed record LoadedSchema(string File, string Path, Uri Id, JsonElement Root, JsonSchema Schema);
}
