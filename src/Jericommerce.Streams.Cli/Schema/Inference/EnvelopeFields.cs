using System.Text.Json.Nodes;

namespace Jericommerce.Streams.Cli.Schema.Inference;

/// <summary>What the envelope (base) schema already says about an event's top-level fields, so a draft does not repeat it.</summary>
/// <param name="SchemaFile">Its file name, the draft's <c>$ref</c>: <c>base.v1.schema.json</c>.</param>
/// <param name="Declared">The top-level fields it declares.</param>
/// <param name="Required">The ones it requires.</param>
internal sealed record EnvelopeFields(string SchemaFile, IReadOnlySet<string> Declared, IReadOnlySet<string> Required)
{
    /// <summary>The field that carries each type's own data, which the base only requires to be an object.</summary>
    public const string TypeSpecific = "properties";

    /// <summary>The fields of the envelope schema <paramref name="schemaFile"/> in <paramref name="directory"/>.</summary>
    public static EnvelopeFields Load(string directory, string schemaFile)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, schemaFile)))!;
        var declared = schema["properties"]?.AsObject().Select(p => p.Key) ?? [];
        var required = schema["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [];
        return new EnvelopeFields(schemaFile, declared.ToHashSet(StringComparer.Ordinal), required.ToHashSet(StringComparer.Ordinal));
    }
}
