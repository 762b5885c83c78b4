using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Newtonsoft.Json.Linq;

namespace Jericommerce.Streams.SchemaRegistry.Tests;

/// <summary>Reads a value the way a .NET consumer would: Confluent's JsonDeserializer, writer schema from the registry, validation on.</summary>
internal static class ConfluentReader
{
    public static Task<JObject> DeserializeAsync(ISchemaRegistryClient client, string topic, byte[] value) =>
        new JsonDeserializer<JObject>(client).DeserializeAsync(value, isNull: false, new SerializationContext(MessageComponentType.Value, topic));
}
