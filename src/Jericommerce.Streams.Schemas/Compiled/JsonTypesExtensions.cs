using System.Text.Json;

namespace Jericommerce.Streams.Schemas.Compiled;

/// <summary>Maps type names and instance kinds to <see cref="JsonTypes"/>.</summary>
internal static class JsonTypesExtensions
{
    public static JsonTypes? FromName(string name) => name switch
    {
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "string" => JsonTypes.String,
        "number" => JsonTypes.Number,
        "boolean" => JsonTypes.Boolean,
        "null" => JsonTypes.Null,
        _ => null,
    };

    public static bool Allows(this JsonTypes types, JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => (types & JsonTypes.Object) != 0,
        JsonValueKind.Array => (types & JsonTypes.Array) != 0,
        JsonValueKind.String => (types & JsonTypes.String) != 0,
        JsonValueKind.Number => (types & JsonTypes.Number) != 0,
        JsonValueKind.True or JsonValueKind.False => (types & JsonTypes.Boolean) != 0,
        JsonValueKind.Null => (types & JsonTypes.Null) != 0,
        _ => false,
    };
}
