using System.Text.Json;

namespace Jericommerce.Streams.Schemas.Compiled;

/// <summary>The JSON Schema instance types a <c>type</c> keyword allows (<c>integer</c> is not compiled).</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Number = 8,
    Boolean = 16,
    Null = 32,
    Any = Object | Array | String | Number | Boolean | Null,
}
