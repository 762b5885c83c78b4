using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Json.Schema;

namespace Jericommerce.Streams.Schemas.Compiled;

/// <summary>
/// Compiles a draft 2020-12 schema into a <see cref="CompiledSchema"/> when every keyword it uses is one whose
/// meaning is reproduced exactly: <c>type</c> (not <c>integer</c>), <c>required</c>, <c>properties</c>,
/// <c>additionalProperties</c>, <c>const</c> and <c>enum</c> of strings, booleans and null, <c>format</c> (checked by
/// JsonSchema.Net's own format), <c>$ref</c> to a whole document, boolean schemas and annotations. Anything else (or
/// a reference cycle) leaves the schema to JsonSchema.Net, and says why.
/// </summary>
internal sealed class SchemaCompiler
{
    private static readonly FrozenSet<string> Annotations = FrozenSet.Create(
        StringComparer.Ordinal, "title", "description", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly");

    // Only at a document's root, where the loader has checked them.
    private static readonly FrozenSet<string> DocumentKeywords = FrozenSet.Create(StringComparer.Ordinal, "$schema", "$id");

    private static readonly FrozenDictionary<string, Format> KnownFormats = new Dictionary<string, Format>(StringComparer.Ordinal)
    {
        ["date-time"] = Formats.DateTime,
        ["date"] = Formats.Date,
        ["time"] = Formats.Time,
        ["duration"] = Formats.Duration,
        ["email"] = Formats.Email,
        ["uuid"] = Formats.Uuid,
        ["uri"] = Formats.Uri,
        ["uri-reference"] = Formats.UriReference,
        ["ipv4"] = Formats.Ipv4,
        ["ipv6"] = Formats.Ipv6,
        ["hostname"] = Formats.Hostname,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly Func<Uri, JsonElement?> _documents;
    private readonly Dictionary<Uri, CompiledSchema> _compiled = [];
    private readonly HashSet<Uri> _compiling = [];

    private SchemaCompiler(Func<Uri, JsonElement?> documents) => _documents = documents;

    /// <summary>Compiles the document <paramref name="id"/>; null (with the reason) when it must stay with JsonSchema.Net.</summary>
    /// <param name="id">The document's <c>$id</c>, which <paramref name="documents"/> resolves.</param>
    /// <param name="documents">The loaded schema documents by <c>$id</c>; null for an unknown one.</param>
    /// <param name="notCompiled">Why not, naming the keyword and where it is.</param>
    public static CompiledSchema? TryCompile(Uri id, Func<Uri, JsonElement?> documents, out string? notCompiled)
    {
        try
        {
            notCompiled = null;
            return new SchemaCompiler(documents).Document(id);
        }
        catch (NotCompilableException ex)
        {
            notCompiled = ex.Message;
            return null;
        }
    }

    private CompiledSchema Document(Uri id)
    {
        if (_compiled.TryGetValue(id, out var done))
        {
            return done;
        }

        if (!_compiling.Add(id))
        {
            throw new NotCompilableException($"{id} refers back to itself");
        }

        var root = _documents(id) ?? throw new NotCompilableException($"{id} is not a loaded schema");
        var compiled = Schema(root, id, "", isDocumentRoot: true);
        _compiling.Remove(id);
        _compiled[id] = compiled;
        return compiled;
    }

    private CompiledSchema Schema(JsonElement schema, Uri baseUri, string pointer, bool isDocumentRoot = false)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return CompiledSchema.AlwaysValid;
            case JsonValueKind.False:
                return CompiledSchema.AlwaysInvalid;
            case JsonValueKind.Object:
                break;
            default:
                throw new NotCompilableException($"{baseUri}#{pointer} is not a schema");
        }

        var types = JsonTypes.Any;
        AllowedValue[]? allowed = null;
        Format? format = null;
        byte[][] required = [];
        CompiledProperty[] properties = [];
        CompiledSchema? additional = null;
        var allOf = new List<CompiledSchema>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyword in schema.EnumerateObject())
        {
            var at = $"{pointer}/{keyword.Name}";
            var value = keyword.Value;
            if (!seen.Add(keyword.Name))
            {
                // Which of the two the library would read is its own business.
                throw new NotCompilableException($"'{keyword.Name}' given twice at {baseUri}#{pointer}");
            }

            if (Annotations.Contains(keyword.Name) || (isDocumentRoot && DocumentKeywords.Contains(keyword.Name)))
            {
                continue;
            }

            switch (keyword.Name)
            {
                case "type":
                    types = Types(value, baseUri, at);
                    break;
                case "const":
                    allowed = Intersect(allowed, [Allowed(value, baseUri, at)]);
                    break;
                case "enum":
                    allowed = Intersect(allowed, value.EnumerateArray().Select(item => Allowed(item, baseUri, at)).ToArray());
                    break;
                case "format":
                    format = KnownFormats.GetValueOrDefault(value.GetString() ?? "")
                        ?? throw new NotCompilableException($"format '{value.GetString()}' at {baseUri}#{at}");
                    break;
                case "required":
                    required = value.EnumerateArray().Select(name => Encoding.UTF8.GetBytes(name.GetString()!)).ToArray();
                    break;
                case "properties":
                    if (value.EnumerateObject().GroupBy(property => property.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } twice)
                    {
                        throw new NotCompilableException($"property '{twice.Key}' given twice at {baseUri}#{at}");
                    }

                    properties = value.EnumerateObject()
                        .Select(property => new CompiledProperty(
                            Encoding.UTF8.GetBytes(property.Name),
                            Schema(property.Value, baseUri, $"{at}/{Escape(property.Name)}")))
                        .ToArray();
                    break;
                case "additionalProperties":
                    additional = Schema(value, baseUri, at);
                    break;
                case "$ref":
                    allOf.Add(Reference(value.GetString()!, baseUri, at));
                    break;
                default:
                    throw new NotCompilableException($"keyword '{keyword.Name}' at {baseUri}#{at}");
            }
        }

        return new CompiledSchema
        {
            Types = types,
            Allowed = allowed,
            Format = format,
            Required = required,
            Properties = properties,
            AdditionalProperties = additional,
            AllOf = allOf.ToArray(),
        };
    }

    private CompiledSchema Reference(string reference, Uri baseUri, string at)
    {
        var target = new Uri(baseUri, reference);
        if (target.Fragment is { Length: > 0 } fragment && fragment != "#")
        {
            throw new NotCompilableException($"$ref '{reference}' (into a document) at {baseUri}#{at}");
        }

        return Document(new UriBuilder(target) { Fragment = string.Empty }.Uri);
    }

    private static JsonTypes Types(JsonElement value, Uri baseUri, string at)
    {
        var names = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(item => item.GetString()!) : [value.GetString()!];
        var types = JsonTypes.None;
        foreach (var name in names)
        {
            types |= JsonTypesExtensions.FromName(name) ?? throw new NotCompilableException($"type '{name}' at {baseUri}#{at}");
        }

        return types;
    }

    private static AllowedValue Allowed(JsonElement value, Uri baseUri, string at) =>
        AllowedValue.From(value) ?? throw new NotCompilableException($"a {value.ValueKind} value in {baseUri}#{at}");

    // const and enum together allow only what both allow.
    private static AllowedValue[] Intersect(AllowedValue[]? current, AllowedValue[] values) =>
        current is null ? values : current.Where(value => values.Any(other => other.Kind == value.Kind && Same(other.Utf8, value.Utf8))).ToArray();

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
