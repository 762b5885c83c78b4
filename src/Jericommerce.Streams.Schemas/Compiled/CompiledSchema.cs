using System.Runtime.InteropServices;
using System.Text.Json;
using Json.Schema;

namespace Jericommerce.Streams.Schemas.Compiled;

/// <summary>
/// A schema (or subschema) reduced to the checks it makes, for a yes/no answer with no allocation. Built by
/// <see cref="SchemaCompiler"/> only from keywords whose meaning it reproduces exactly; JsonSchema.Net stays the
/// reference (it builds the error list of every failure, and evaluates any schema this cannot compile).
/// </summary>
internal sealed class CompiledSchema
{
    public static readonly CompiledSchema AlwaysValid = new();
    public static readonly CompiledSchema AlwaysInvalid = new() { Rejects = true };

    public bool Rejects { get; init; }

    public JsonTypes Types { get; init; } = JsonTypes.Any;

    /// <summary>From <c>const</c> or <c>enum</c>; null when neither is present.</summary>
    public AllowedValue[]? Allowed { get; init; }

    /// <summary>A <c>format</c> asserted on strings, with JsonSchema.Net's own check.</summary>
    public Format? Format { get; init; }

    /// <summary>UTF-8 names from <c>required</c>.</summary>
    public byte[][] Required { get; init; } = [];

    /// <summary>From <c>properties</c>.</summary>
    public CompiledProperty[] Properties { get; init; } = [];

    /// <summary>From <c>additionalProperties</c>: applied to members no entry of <see cref="Properties"/> names; null when absent.</summary>
    public CompiledSchema? AdditionalProperties { get; init; }

    /// <summary>Schemas the instance must also satisfy: the targets of <c>$ref</c>.</summary>
    public CompiledSchema[] AllOf { get; init; } = [];

    public bool IsValid(JsonElement instance)
    {
        if (Rejects || !Types.Allows(instance.ValueKind))
        {
            return false;
        }

        if (Allowed is { } allowed && !IsAllowed(allowed, instance))
        {
            return false;
        }

        if (Format is { } format && instance.ValueKind == JsonValueKind.String && !IsPlainDateTime(format, instance) && !format.Validate(instance, out _))
        {
            return false;
        }

        if (instance.ValueKind == JsonValueKind.Object && !IsValidObject(instance))
        {
            return false;
        }

        foreach (var schema in AllOf)
        {
            if (!schema.IsValid(instance))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainDateTime(Format format, JsonElement instance) =>
        ReferenceEquals(format, Formats.DateTime) && PlainDateTime.IsValid(JsonMarshal.GetRawUtf8Value(instance));

    private static bool IsAllowed(AllowedValue[] allowed, JsonElement instance)
    {
        foreach (var value in allowed)
        {
            if (value.Matches(instance))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsValidObject(JsonElement instance)
    {
        foreach (var name in Required)
        {
            if (!instance.TryGetProperty(name, out _))
            {
                return false;
            }
        }

        if (Properties.Length == 0 && AdditionalProperties is null)
        {
            return true;
        }

        foreach (var member in instance.EnumerateObject())
        {
            var schema = AdditionalProperties;
            foreach (var property in Properties)
            {
                if (member.NameEquals(property.Utf8Name))
                {
                    schema = property.Schema;
                    break;
                }
            }

            if (schema is not null && !schema.IsValid(member.Value))
            {
                return false;
            }
        }

        return true;
    }
}
