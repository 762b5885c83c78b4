using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>
/// Turns a catalog schema into one self-contained schema without any <c>$ref</c>, for the Schema Registry: each
/// reference is replaced by the schema it points at, merged with the keywords beside it, so the result accepts
/// exactly what the original accepts.
/// </summary>
/// <remarks>
/// <para>
/// Why not register the base schema under a subject of its own and reference it: a <c>$ref</c> with sibling
/// keywords (how every type schema here extends the base) means "both" only from draft 2019-09 on. Draft-7 tools read
/// such a <c>$ref</c> alone: NJsonSchema, which Confluent's .NET <c>JsonDeserializer</c> validates with, and the
/// everit loader behind Kafka Connect's <c>JsonSchemaConverter</c>, would then check (and, for Connect, map to
/// fields) the base only, silently dropping every type-specific constraint. A schema with no <c>$ref</c> means the
/// same to every reader, needs no reference lookups, and gives one subject per topic.
/// </para>
/// <para>
/// Merging <c>A</c> (the referenced schema) with <c>B</c> (the keywords beside the <c>$ref</c>) is exact when:
/// keywords only one side has are copied; equal ones kept; <c>properties</c> merged by name (recursively);
/// <c>required</c> united; annotations (<c>title</c>, <c>description</c>...) taken from <c>B</c>, the more
/// specific. Anything else (two different values of one keyword, or keywords such as <c>additionalProperties</c>
/// whose meaning depends on the <c>properties</c> beside them) falls back to <c>allOf: [A, B]</c>, which is exact
/// too, only harder on Connect. Dynamic references, anchors and recursive schemas are refused with the file named.
/// </para>
/// </remarks>
internal static class SchemaBundler
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly FrozenSet<string> SingleSubschemas = FrozenSet.Create(
        StringComparer.Ordinal,
        "additionalProperties", "unevaluatedProperties", "items", "additionalItems", "unevaluatedItems", "contains", "propertyNames", "not", "if", "then", "else", "contentSchema");

    private static readonly FrozenSet<string> SubschemaMaps = FrozenSet.Create(StringComparer.Ordinal, "properties", "patternProperties", "dependentSchemas");

    private static readonly FrozenSet<string> SubschemaArrays = FrozenSet.Create(StringComparer.Ordinal, "allOf", "anyOf", "oneOf", "prefixItems");

    // Every reference is inlined, so the definitions it pointed into are dead weight in the bundle.
    private static readonly FrozenSet<string> Definitions = FrozenSet.Create(StringComparer.Ordinal, "$defs", "definitions");

    private static readonly FrozenSet<string> Unsupported = FrozenSet.Create(
        StringComparer.Ordinal, "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "$anchor");

    private static readonly FrozenSet<string> Annotations = FrozenSet.Create(
        StringComparer.Ordinal, "title", "description", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly");

    // Their meaning depends on which properties or items the schema beside them declares: merging those would change it.
    private static readonly FrozenSet<string> DependOnSiblings = FrozenSet.Create(
        StringComparer.Ordinal, "additionalProperties", "patternProperties", "unevaluatedProperties", "additionalItems", "unevaluatedItems", "items", "prefixItems");

    /// <summary>The bundled schema of <paramref name="schemaFile"/> (in <paramref name="directory"/>), as compact JSON.</summary>
    /// <exception cref="SchemaCatalogException">A file is missing or broken, or uses what cannot be bundled; the message names it.</exception>
    public static string Bundle(string directory, string schemaFile)
    {
        var documents = new Dictionary<Uri, Document>();
        var root = Load(directory, schemaFile, expectedId: null, documents);
        var bundled = Flatten(root.Schema, root, "#", directory, documents, []);

        // $schema and $id first, as in the source files; the merge appended them after the base's keywords.
        var ordered = new JsonObject();
        foreach (var key in new[] { "$schema", "$id" })
        {
            if (bundled.TryGetPropertyValue(key, out var value))
            {
                bundled.Remove(key);
                ordered[key] = value;
            }
        }

        foreach (var (key, value) in bundled.ToList())
        {
            bundled.Remove(key);
            ordered[key] = value;
        }

        return ordered.ToJsonString(Compact);
    }

    private static JsonObject Flatten(JsonObject schema, Document document, string pointer, string directory, Dictionary<Uri, Document> documents, HashSet<string> active)
    {
        var result = new JsonObject();
        foreach (var (key, value) in schema)
        {
            if (Unsupported.Contains(key))
            {
                throw new SchemaCatalogException(document.Path, $"{pointer}: \"{key}\" cannot be bundled for the Schema Registry.");
            }

            if (key == "$id" && !ReferenceEquals(schema, document.Schema))
            {
                throw new SchemaCatalogException(document.Path, $"{pointer}: an embedded \"$id\" cannot be bundled for the Schema Registry.");
            }

            if (key == "$ref" || Definitions.Contains(key))
            {
                continue;
            }

            result[key] = key switch
            {
                _ when SingleSubschemas.Contains(key) && value is JsonObject single => Flatten(single, document, $"{pointer}/{key}", directory, documents, active),
                _ when SubschemaMaps.Contains(key) && value is JsonObject map => FlattenMap(map, document, $"{pointer}/{key}", directory, documents, active),
                _ when SubschemaArrays.Contains(key) && value is JsonArray array => FlattenArray(array, document, $"{pointer}/{key}", directory, documents, active),
                _ => value?.DeepClone(),
            };
        }

        if (!schema.TryGetPropertyValue("$ref", out var refNode))
        {
            return result;
        }

        if (refNode is not JsonValue refValue || !refValue.TryGetValue(out string? reference))
        {
            throw new SchemaCatalogException(document.Path, $"{pointer}/$ref must be a string.");
        }

        var (target, targetDocument, targetPointer) = Resolve(reference, document, pointer, directory, documents);
        var activeKey = $"{targetDocument.Id}#{targetPointer}";
        if (!active.Add(activeKey))
        {
            throw new SchemaCatalogException(document.Path, $"{pointer}/$ref \"{reference}\" is recursive: a recursive schema cannot be bundled for the Schema Registry.");
        }

        var inlined = Flatten(target, targetDocument, targetPointer, directory, documents, active);
        active.Remove(activeKey);

        // Inlined, the referenced document is no resource of its own any more.
        inlined.Remove("$schema");
        inlined.Remove("$id");
        return Merge(inlined, result);
    }

    private static JsonObject FlattenMap(JsonObject map, Document document, string pointer, string directory, Dictionary<Uri, Document> documents, HashSet<string> active)
    {
        var result = new JsonObject();
        foreach (var (name, value) in map)
        {
            result[name] = value is JsonObject subschema
                ? Flatten(subschema, document, $"{pointer}/{Escape(name)}", directory, documents, active)
                : value?.DeepClone();
        }

        return result;
    }

    private static JsonArray FlattenArray(JsonArray array, Document document, string pointer, string directory, Dictionary<Uri, Document> documents, HashSet<string> active)
    {
        var result = new JsonArray();
        for (var i = 0; i < array.Count; i++)
        {
            result.Add(array[i] is JsonObject subschema
                ? Flatten(subschema, document, $"{pointer}/{i}", directory, documents, active)
                : array[i]?.DeepClone());
        }

        return result;
    }

    /// <summary>A schema that accepts exactly what both <paramref name="referenced"/> and <paramref name="beside"/> accept.</summary>
    private static JsonObject Merge(JsonObject referenced, JsonObject beside)
    {
        if (beside.Count == 0)
        {
            return referenced;
        }

        if (referenced.Count == 0)
        {
            return beside;
        }

        if (referenced.Any(p => DependOnSiblings.Contains(p.Key)) || beside.Any(p => DependOnSiblings.Contains(p.Key)))
        {
            return AllOf(referenced, beside);
        }

        var merged = (JsonObject)referenced.DeepClone();
        foreach (var (key, value) in beside)
        {
            if (!merged.TryGetPropertyValue(key, out var existing))
            {
                merged[key] = value?.DeepClone();
                continue;
            }

            if (JsonNode.DeepEquals(existing, value))
            {
                continue;
            }

            if (Annotations.Contains(key))
            {
                merged[key] = value?.DeepClone();
                continue;
            }

            switch (key)
            {
                case "properties" when existing is JsonObject a && value is JsonObject b && MergeProperties(a, b) is { } properties:
                    merged[key] = properties;
                    break;
                case "required" when existing is JsonArray a && value is JsonArray b && AllStrings(a) && AllStrings(b):
                    merged[key] = new JsonArray(a.Concat(b).Select(n => n!.GetValue<string>()).Distinct(StringComparer.Ordinal).Select(n => (JsonNode)JsonValue.Create(n)).ToArray());
                    break;
                default:
                    return AllOf(referenced, beside);
            }
        }

        return merged;
    }

    private static JsonObject? MergeProperties(JsonObject referenced, JsonObject beside)
    {
        var merged = (JsonObject)referenced.DeepClone();
        foreach (var (name, value) in beside)
        {
            if (!merged.TryGetPropertyValue(name, out var existing))
            {
                merged[name] = value?.DeepClone();
            }
            else if (existing is JsonObject a && value is JsonObject b)
            {
                merged[name] = Merge(a, b);
            }
            else if (!JsonNode.DeepEquals(existing, value))
            {
                // A boolean subschema on one side: leave it to allOf.
                return null;
            }
        }

        return merged;
    }

    private static bool AllStrings(JsonArray array) =>
        array.All(n => n is JsonValue value && value.GetValueKind() == JsonValueKind.String);

    private static JsonObject AllOf(JsonObject referenced, JsonObject beside) =>
        new() { ["allOf"] = new JsonArray(referenced.DeepClone(), beside.DeepClone()) };

    private static (JsonObject Schema, Document Document, string Pointer) Resolve(
        string reference, Document from, string pointer, string directory, Dictionary<Uri, Document> documents)
    {
        if (!Uri.TryCreate(from.Id, reference, out var target))
        {
            throw new SchemaCatalogException(from.Path, $"{pointer}/$ref \"{reference}\" is not a valid URI reference.");
        }

        var documentUri = new UriBuilder(target) { Fragment = string.Empty }.Uri;
        var document = documentUri == from.Id
            ? from
            : Load(directory, Path.GetFileName(documentUri.AbsolutePath), documentUri, documents);
        var fragment = Uri.UnescapeDataString(target.Fragment.TrimStart('#'));
        if (fragment.Length > 0 && fragment[0] != '/')
        {
            throw new SchemaCatalogException(from.Path, $"{pointer}/$ref \"{reference}\": anchors cannot be bundled for the Schema Registry; use a JSON pointer.");
        }

        JsonNode? node = document.Schema;
        foreach (var token in fragment.Split('/').Skip(1))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o[name],
                JsonArray a when int.TryParse(name, out var index) && index >= 0 && index < a.Count => a[index],
                _ => null,
            };
        }

        return node is JsonObject schema
            ? (schema, document, "#" + fragment)
            : throw new SchemaCatalogException(from.Path, $"{pointer}/$ref \"{reference}\" does not point at a schema object.");
    }

    private static Document Load(string directory, string fileName, Uri? expectedId, Dictionary<Uri, Document> documents)
    {
        if (expectedId is not null && documents.TryGetValue(expectedId, out var known))
        {
            return known;
        }

        var path = Path.Combine(directory, fileName);
        if (fileName.Length == 0 || !File.Exists(path))
        {
            throw new SchemaCatalogException(path, $"schema file not found{(expectedId is null ? string.Empty : $" (referenced as {expectedId})")}.");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new SchemaCatalogException(path, $"not valid JSON: {ex.Message}", ex);
        }

        if (node is not JsonObject schema
            || schema["$id"] is not JsonValue idValue
            || !idValue.TryGetValue(out string? idText)
            || !Uri.TryCreate(idText, UriKind.Absolute, out var id))
        {
            throw new SchemaCatalogException(path, "a schema file must be a JSON object with an absolute \"$id\".");
        }

        if (expectedId is not null && id != expectedId)
        {
            throw new SchemaCatalogException(path, $"\"$id\" is {id}, but it is referenced as {expectedId}.");
        }

        var document = new Document(path, id, schema);
        documents[id] = document;
        return document;
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private sealed record Document(string Path, Uri Id, JsonObject Schema);
}
