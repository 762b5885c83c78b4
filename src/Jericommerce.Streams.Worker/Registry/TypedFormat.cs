using System.ComponentModel;
using Jericommerce.Streams.Observability.Hosting;

namespace Jericommerce.Streams.Worker.Registry;

/// <summary>The values of <c>Worker:TypedFormat</c>: how typed records are written.</summary>
[TypeConverter(typeof(SettingEnumConverter<TypedFormat>))]
public enum TypedFormat
{
    /// <summary><c>json</c>: the original bytes of the event, unchanged (the default; no registry involved).</summary>
    Json,

    /// <summary><c>json-sr</c>: Confluent's JSON Schema wire format: magic byte 0, the 4-byte big-endian schema id, then the original bytes.</summary>
    JsonSr,
}
