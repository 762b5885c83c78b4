using Confluent.Kafka;
using Confluent.SchemaRegistry.Serdes;
using Newtonsoft.Json.Linq;

namespace Jericommerce.Streams.SchemaRegistry.Tests;

public sealed class ConfluentWireFormatTests
{
    [Fact]
    public void Prefix_IsMagicByteZeroThenTheSchemaIdBigEndian()
    {
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4 }, ConfluentWireFormat.Prefix(0x01020304));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 7 }, ConfluentWireFormat.Prefix(7));
    }

    [Fact]
    public void Frame_KeepsThePayloadByteForByte_AndTryReadGivesBothBack()
    {
        var payload = TestSchemas.Example("wallet-click.valid.json");

        var framed = ConfluentWireFormat.Frame(ConfluentWireFormat.Prefix(42), payload);

        Assert.Equal(payload.Length + 5, framed.Length);
        Assert.True(ConfluentWireFormat.TryRead(framed, out var id, out var read));
        Assert.Equal(42, id);
        Assert.True(read.SequenceEqual(payload));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0, 0, 0, 1 })]
    [InlineData(new byte[] { (byte)'{', 0, 0, 0, 1, (byte)'}' })]
    public void TryRead_RefusesWhatIsNotFramed(byte[] value) =>
        Assert.False(ConfluentWireFormat.TryRead(value, out _, out _));

    [Fact]
    public async Task ConfluentsJsonDeserializer_ReadsAFramedValue()
    {
        var framed = ConfluentWireFormat.Frame(ConfluentWireFormat.Prefix(5), TestSchemas.Example("customer-scanned.valid.json"));

        var value = await new JsonDeserializer<JObject>().DeserializeAsync(framed, isNull: false, new SerializationContext(MessageComponentType.Value, "any"));

        Assert.NotNull(value["customerId"]);
    }
}
