using System.Text;
using System.Text.Json;

namespace Jericommerce.Streams.Schemas.Compiled;

/// <summary>One value a <c>const</c> or <c>enum</c> allows: a string, a boolean or null (other values are not compiled).</summary>
internal readonly record struct AllowedValue(JsonValueKind Kind, byte[]? Utf8)
{
    public static AllowedValue? From(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new AllowedValue(JsonValueKind.String, Encoding.UTF8.GetBytes(value.GetString()!)),
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => new AllowedValue(value.ValueKind, null),
        _ => null,
    };

    /// <summary>JSON equality: for strings, of the unescaped values.</summary>
    public bool Matches(JsonElement instance) =>
        instance.ValueKind == Kind && (Kind != JsonValueKind.String || instance.ValueEquals(Utf8));
}
