using System.Buffers.Binary;

namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>
/// Confluent's wire format for a record value tied to a registered schema: magic byte 0, the schema id as a 4-byte
/// big-endian integer, then the payload (for JSON Schema: the UTF-8 JSON, unchanged).
/// </summary>
public static class ConfluentWireFormat
{
    public const byte MagicByte = 0;

    /// <summary>Bytes in front of the payload.</summary>
    public const int PrefixLength = 5;

    /// <summary>The 5 bytes that go in front of every payload written with schema <paramref name="schemaId"/>.</summary>
    public static byte[] Prefix(int schemaId)
    {
        var prefix = new byte[PrefixLength];
        prefix[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(1), schemaId);
        return prefix;
    }

    /// <summary>A new array: <paramref name="prefix"/> followed by <paramref name="payload"/>, byte for byte.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> payload)
    {
        var framed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(framed);
        payload.CopyTo(framed.AsSpan(prefix.Length));
        return framed;
    }

    /// <summary>Splits a framed value into its schema id and payload; false when it does not start with the magic byte and an id.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, out int schemaId, out ReadOnlySpan<byte> payload)
    {
        if (value.Length < PrefixLength || value[0] != MagicByte)
        {
            schemaId = 0;
            payload = default;
            return false;
        }

        schemaId = BinaryPrimitives.ReadInt32BigEndian(value[1..PrefixLength]);
        payload = value[PrefixLength..];
        return true;
    }
}
