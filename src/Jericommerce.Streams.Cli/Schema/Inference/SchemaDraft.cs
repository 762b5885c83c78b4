using System.Globalization;
using System.Text.Json.Nodes;

namespace Jericommerce.Streams.Cli.Schema.Inference;

/// <summary>
/// A draft JSON Schema (2020-12) for one event type, from what its sampled events showed, in the catalog's
/// conventions: <c>$ref</c> to the envelope (base) schema, which already types the common fields, and beside it the
/// constraints on <c>properties</c> and on any top-level field the base does not declare. A value's <c>type</c> is
/// every JSON type seen there (<c>integer</c> only when every number was whole); a property is required when every
/// object held it; a string gets a <c>format</c> when every string fitted it. Unknown fields stay allowed: the draft
/// describes what was seen, it does not forbid what was not.
/// </summary>
internal sealed class SchemaDraft
{
    /// <summary>
    /// A property held by fewer than this share of the objects that could hold it is reported as rare: a draft from a
    /// sample in which it was missing would have refused it, so the reviewer should know the field exists.
    /// </summary>
    public const double RareShare = 0.05;

    private SchemaDraft(JsonObject schema, IReadOnlyList<RareField> rare)
    {
        Schema = schema;
        Rare = rare;
    }

    public JsonObject Schema { get; }

    public IReadOnlyList<RareField> Rare { get; }

    /// <param name="events">The sampled events.</param>
    /// <param name="envelope">The base schema the draft references: its <c>properties</c> and <c>required</c> are not repeated.</param>
    /// <param name="identity">The draft's <c>$id</c>, <c>title</c> and <c>description</c>.</param>
    public static SchemaDraft Create(ObservedShape events, EnvelopeFields envelope, DraftIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(identity);
        var rare = new List<RareField>();
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = identity.Id.ToString(),
            ["title"] = identity.Title,
            ["description"] = identity.Description,
            ["$ref"] = envelope.SchemaFile,
        };

        var required = new JsonArray();
        var properties = new JsonObject();
        foreach (var (name, shape) in events.Properties)
        {
            if (shape.Seen == events.Objects && !envelope.Required.Contains(name))
            {
                required.Add(name);
            }

            NoteIfRare(name, shape, events.Objects, rare);

            // The base types its own fields; only the type-specific content is described again.
            if (name == EnvelopeFields.TypeSpecific || !envelope.Declared.Contains(name))
            {
                properties[name] = Describe(shape, events.Objects, name, rare);
            }
        }

        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        if (properties.Count > 0)
        {
            schema["properties"] = properties;
        }

        return new SchemaDraft(schema, rare);
    }

    private static JsonObject Describe(ObservedShape shape, int parentObjects, string path, List<RareField> rare)
    {
        var schema = new JsonObject
        {
            ["description"] = shape.Seen == parentObjects
                ? string.Create(CultureInfo.InvariantCulture, $"Seen in all {parentObjects} samples.")
                : string.Create(CultureInfo.InvariantCulture, $"Seen in {shape.Seen} of {parentObjects} samples."),
        };
        Constrain(schema, shape, path, rare);
        return schema;
    }

    private static void Constrain(JsonObject schema, ObservedShape shape, string path, List<RareField> rare)
    {
        var kinds = shape.Kinds.ToHashSet();

        // A whole number is a number: both seen means "number".
        if (kinds.Contains(JsonKind.Number))
        {
            kinds.Remove(JsonKind.Integer);
        }

        var names = kinds.Order().Select(Name).ToList();
        schema["type"] = names.Count == 1 ? names[0] : new JsonArray([.. names.Select(n => (JsonNode)n)]);

        if (kinds.Contains(JsonKind.String) && shape.Format is { } format)
        {
            schema["format"] = format;
        }

        if (kinds.Contains(JsonKind.Object) && shape.Properties.Count > 0)
        {
            var required = new JsonArray();
            var properties = new JsonObject();
            foreach (var (name, property) in shape.Properties)
            {
                if (property.Seen == shape.Objects)
                {
                    required.Add(name);
                }

                var childPath = $"{path}.{name}";
                NoteIfRare(childPath, property, shape.Objects, rare);
                properties[name] = Describe(property, shape.Objects, childPath, rare);
            }

            if (required.Count > 0)
            {
                schema["required"] = required;
            }

            schema["properties"] = properties;
        }

        if (kinds.Contains(JsonKind.Array) && shape.Items is { } items)
        {
            var itemSchema = new JsonObject();
            Constrain(itemSchema, items, path + "[]", rare);
            schema["items"] = itemSchema;
        }
    }

    private static void NoteIfRare(string path, ObservedShape shape, int of, List<RareField> rare)
    {
        if (of > 0 && (double)shape.Seen / of < RareShare)
        {
            rare.Add(new RareField(path, shape.Seen, of));
        }
    }

    private static string Name(JsonKind kind) => kind.ToString().ToLowerInvariant();
}
