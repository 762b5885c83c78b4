namespace Jericommerce.Streams.Worker.Registry;

/// <summary>The values of <c>Worker:TypedFormat</c>.</summary>
public static class TypedFormats
{
    /// <summary>The original bytes of the event, unchanged (the default; no registry involved).</summary>
    public const string Json = "json";

    /// <summary>Confluent's JSON Schema wire format: magic byte 0, the 4-byte big-endian schema id, then the original bytes.</summary>
    public const string JsonSchemaRegistry = "json-sr";

    /// <summary>Whether <paramref name="format"/> (case-insensitive) asks for the Schema Registry wire format.</summary>
    public static bool UsesRegistry(string? format) => string.Equals(format, JsonSchemaRegistry, StringComparison.OrdinalIgnoreCase);
}
