using System.Text;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Ingress.Tests.Unit;

/// <summary>The one reader of an event body's envelope (top-level <c>id</c> and <c>customerId</c>), as the ingress and the worker use it.</summary>
public sealed class EventEnvelopeTests
{
    private static EventEnvelope Probe(string json) => EventEnvelope.Read(Encoding.UTF8.GetBytes(json));

    private static string? Key(string json) => Probe(json).CustomerIdKey is { } key ? Encoding.UTF8.GetString(key) : null;

    [Fact]
    public void Read_WhenTheTopLevelHasAStringCustomerId_ReturnsItAsTheKey() =>
        Assert.Equal("cust-1", Key("""{"id":"e","customerId":"cust-1","properties":{}}"""));

    [Fact]
    public void Read_WhenCustomerIdComesAfterNestedValues_StillFindsIt() =>
        Assert.Equal("c", Key("""{"properties":{"customerId":"nested","deep":[{"customerId":"x"},[1,2,{"a":{}}]]},"customerId":"c"}"""));

    [Fact]
    public void Read_WhenCustomerIdIsOnlyNested_ReturnsNoKey() =>
        Assert.Null(Key("""{"properties":{"customerId":"nested"}}"""));

    [Theory]
    [InlineData("""{"customerId":12345}""")]
    [InlineData("""{"customerId":null}""")]
    [InlineData("""{"customerId":true}""")]
    [InlineData("""{"customerId":{"id":"c"}}""")]
    [InlineData("""{"customerId":["c"]}""")]
    [InlineData("""{"customerId":""}""")]
    public void Read_WhenCustomerIdIsNotANonEmptyString_ReturnsNoKey(string json) => Assert.Null(Key(json));

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""["customerId","c"]""")]
    [InlineData("\"c\"")]
    [InlineData("""{"customerId":"c",""")]
    [InlineData("""{"customerId":"c"} trailing""")]
    [InlineData("""{"customerId":"c"}{"customerId":"d"}""")]
    [InlineData("{\"customerId\":\"c\", // comment\n \"x\":1}")]
    public void Read_WhenTheBodyIsNotExactlyOneJsonObject_ReturnsNoKey(string text) => Assert.Null(Key(text));

    [Fact]
    public void Read_WhenWhitespaceSurroundsTheObject_ReturnsTheKey() =>
        Assert.Equal("c", Key(" \r\n {\"customerId\":\"c\"} \n"));

    [Fact]
    public void Read_WhenCustomerIdIsEscaped_ReturnsTheUnescapedUtf8() =>
        Assert.Equal("cust/\"é\"", Key("""{"customerId":"cust\/\"\u00e9\""}"""));

    [Fact]
    public void Read_WhenCustomerIdIsLongerThanTheKeyLimit_ReturnsNoKey()
    {
        Assert.Equal(EventEnvelope.MaxKeyBytes, Key($$"""{"customerId":"{{new string('c', EventEnvelope.MaxKeyBytes)}}"}""")?.Length);
        Assert.Null(Key($$"""{"customerId":"{{new string('c', EventEnvelope.MaxKeyBytes + 1)}}"}"""));
    }

    [Fact]
    public void Read_WhenCustomerIdHasNonAsciiText_ReturnsItsUtf8Bytes() =>
        Assert.Equal(Encoding.UTF8.GetBytes("客户-1"), Probe("""{"customerId":"客户-1"}""").CustomerIdKey);

    [Fact]
    public void Read_WhenThePropertyNameIsEscaped_StillRecognisesIt() =>
        Assert.Equal("c", Key("""{"customer\u0049d":"c"}"""));

    [Fact]
    public void Read_WhenCustomerIdIsRepeated_TheLastOneWins()
    {
        Assert.Equal("second", Key("""{"customerId":"first","customerId":"second"}"""));
        Assert.Null(Key("""{"customerId":"first","customerId":7}"""));
    }

    [Fact]
    public void Read_WhenNestingIsDeeperThanTheLimit_ReturnsNoKey()
    {
        var deep = new string('[', EventEnvelope.MaxDepth + 1) + new string(']', EventEnvelope.MaxDepth + 1);

        Assert.Null(Key($$"""{"customerId":"c","x":{{deep}}}"""));
    }

    [Fact]
    public void Read_WhenNestingIsWithinTheLimit_ReturnsTheKey()
    {
        var deep = new string('[', EventEnvelope.MaxDepth - 1) + new string(']', EventEnvelope.MaxDepth - 1);

        Assert.Equal("c", Key($$"""{"customerId":"c","x":{{deep}}}"""));
    }

    [Fact]
    public void Read_WhenAStringHoldsInvalidUtf8_ReturnsNoKey() =>
        Assert.Null(EventEnvelope.Read([.. "{\"customerId\":\""u8, 0xC3, 0x28, .. "\"}"u8]).CustomerIdKey);

    [Theory]
    [InlineData("""{"id":"evt-1"}""", "evt-1")]
    [InlineData("""{"id":42}""", "42")]
    [InlineData("""{"id":null}""", null)]
    [InlineData("""{"properties":{"id":"nested"}}""", null)]
    public void Read_ReturnsTheTopLevelIdForTheLogs(string json, string? expected) => Assert.Equal(expected, Probe(json).LoggedId);

    [Fact]
    public void Read_WhenTheIdIsVeryLong_CutsItForTheLogs() =>
        Assert.Equal(EventEnvelope.MaxLoggedIdLength, Probe($$"""{"id":"{{new string('x', 1000)}}"}""").LoggedId?.Length);

    [Theory]
    [InlineData("""{"id":"evt-1"}""", "evt-1")]
    [InlineData("""{"id":"evt-\u00e9"}""", "evt-é")]
    [InlineData("""{"id":42}""", null)]
    [InlineData("""{"id":null}""", null)]
    [InlineData("""{"properties":{"id":"nested"}}""", null)]
    public void Read_TakesTheIdOnlyWhenItIsAString(string json, string? expected) => Assert.Equal(expected, Probe(json).Id);

    [Fact]
    public void Read_KeepsALongIdWhole_ButOnlyOneWithinTheLimitGoesToTheHeader()
    {
        var atLimit = new string('x', EventEnvelope.MaxIdHeaderBytes);
        var beyond = atLimit + "x";

        Assert.Equal(atLimit, Probe($$"""{"id":"{{atLimit}}"}""").IdHeader);
        Assert.Equal(beyond, Probe($$"""{"id":"{{beyond}}"}""").Id);
        Assert.Null(Probe($$"""{"id":"{{beyond}}"}""").IdHeader);
    }

    [Fact]
    public void Read_GivesTheWholeCustomerId_EvenWhereItIsNoKey()
    {
        var longId = new string('c', EventEnvelope.MaxKeyBytes + 1);

        Assert.Equal(Encoding.UTF8.GetBytes(longId), Probe($$"""{"customerId":"{{longId}}"}""").CustomerId);
        Assert.Equal(Array.Empty<byte>(), Probe("""{"customerId":""}""").CustomerId);
    }

    [Fact]
    public void Read_TakesTopLevelStringsOnly()
    {
        var envelope = Probe("""{"properties":{"id":"nested","customerId":"nested"},"id":"evt-1","customerId":"cus-1"}""");

        Assert.Equal("evt-1", envelope.Id);
        Assert.Equal("cus-1"u8.ToArray(), envelope.CustomerId);
    }
}
