using System.Text;
using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Worker.Tests;

public sealed class EventRouterTests
{
    [Theory]
    [InlineData("short", 64, "short")]
    [InlineData("abcdefghij", 8, "abcde…")]
    [InlineData("ééééé", 8, "éé…")]
    public void Truncate_CutsToTheByteBudgetOnACharacterBoundary(string text, int maxBytes, string expected)
    {
        var cut = EventRouter.Truncate(text, maxBytes);

        Assert.Equal(expected, cut);
        Assert.True(Encoding.UTF8.GetByteCount(cut) <= maxBytes);
    }

    [Fact]
    public void EnvelopeRead_TakesTopLevelStringsOnly()
    {
        var envelope = EventEnvelope.Read("""{"properties":{"id":"nested","customerId":"nested"},"id":"evt-1","customerId":"cus-1"}"""u8);

        Assert.Equal(new EventEnvelope("evt-1", "cus-1"), envelope);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"id\": 42, \"customerId\": null}")]
    [InlineData("{\"id\": \"trunc")]
    [InlineData("")]
    public void EnvelopeRead_OnAnythingElse_YieldsNoIds(string json)
    {
        var envelope = EventEnvelope.Read(Encoding.UTF8.GetBytes(json));

        Assert.Null(envelope.Id);
        Assert.Null(envelope.CustomerId);
    }
}
