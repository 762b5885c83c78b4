using System.Text.Json.Nodes;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Jericommerce.Streams.SchemaRegistry;
using Newtonsoft.Json.Linq;

namespace Jericommerce.Streams.Worker.Tests.Registry;

/// <summary>Reads typed records written as json-sr.</summary>
internal static class Framed
{
    /// <summary>The schema id and the payload after the 5-byte prefix; fails the test when the value is not framed.</summary>
    public static (int SchemaId, byte[] Payload) Split(ConsumeResult<byte[]?, byte[]?> record)
    {
        Assert.True(ConfluentWireFormat.TryRead(record.Message.Value, out var id, out var payload), $"{record.TopicPartitionOffset} is not in the Confluent wire format");
        return (id, payload.ToArray());
    }

    public static string IdOf(ConsumeResult<byte[]?, byte[]?> record) => JsonNode.Parse(Split(record).Payload)!["id"]!.GetValue<string>();

    /// <summary>As a .NET consumer reads it: Confluent's JsonDeserializer, the writer schema fetched by id, validation on.</summary>
    public static Task<JObject> DeserializeAsync(ISchemaRegistryClient client, ConsumeResult<byte[]?, byte[]?> record) =>
        new JsonDeserializer<JObject>(client).DeserializeAsync(record.Message.Value, isNull: false, new SerializationContext(MessageComponentType.Value, record.Topic));
}
