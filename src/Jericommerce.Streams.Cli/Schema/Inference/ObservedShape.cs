using System.Text.Json;

namespace Jericommerce.Streams.Cli.Schema.Inference;

/// <summary>
/// Everything seen at one place of the sampled events (the event itself, a property, the items of an array): how many
/// values of each JSON type, which string formats every string fitted, and for objects the same per property.
/// Merging is by counting, so it needs no sample kept in memory.
/// </summary>
internal sealed class ObservedShape
{
    private readonly Dictionary<JsonKind, int> _kinds = [];
    private FormatCandidates? _formats;

    /// <summary>How many values were seen here (for a property: how many of its parent objects held it).</summary>
    public int Seen { get; private set; }

    /// <summary>How many of them were objects: what a property's presence is counted against.</summary>
    public int Objects => Count(JsonKind.Object);

    /// <summary>The properties of the objects seen here, in the order they were first seen.</summary>
    public OrderedDictionary<string, ObservedShape> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>The items of every array seen here, merged; null when no array had any.</summary>
    public ObservedShape? Items { get; private set; }

    /// <summary>The JSON types seen, in no particular order.</summary>
    public IEnumerable<JsonKind> Kinds => _kinds.Keys;

    /// <summary>The format every string seen here fits, or null (none, no string, or several strings fitting none alike).</summary>
    public string? Format => _formats?.Chosen;

    public int Count(JsonKind kind) => _kinds.GetValueOrDefault(kind);

    public void Add(JsonElement value)
    {
        Seen++;
        var kind = KindOf(value);
        _kinds[kind] = Count(kind) + 1;
        switch (kind)
        {
            case JsonKind.String:
                (_formats ??= new FormatCandidates()).Add(value);
                break;
            case JsonKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (!Properties.TryGetValue(property.Name, out var shape))
                    {
                        Properties[property.Name] = shape = new ObservedShape();
                    }

                    shape.Add(property.Value);
                }

                break;
            case JsonKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    (Items ??= new ObservedShape()).Add(item);
                }

                break;
        }
    }

    private static JsonKind KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => JsonKind.Object,
        JsonValueKind.Array => JsonKind.Array,
        JsonValueKind.String => JsonKind.String,
        JsonValueKind.Number => IsInteger(value) ? JsonKind.Integer : JsonKind.Number,
        JsonValueKind.True or JsonValueKind.False => JsonKind.Boolean,
        _ => JsonKind.Null,
    };

    // JSON Schema's "integer" is any number with a zero fractional part, 1.0 and 1e3 included.
    private static bool IsInteger(JsonElement value) =>
        value.TryGetDecimal(out var exact) ? decimal.Truncate(exact) == exact
        : value.TryGetDouble(out var approximate) && double.IsFinite(approximate) && Math.Floor(approximate) == approximate;
}
