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
    public void IdAndKey_TakesWhatTheIngressRecorded_WithoutReadingTheBody()
    {
        // A body that says otherwise shows which one was read.
        var record = Raw("""{"id":"evt-in-body","customerId":"cus-in-body"}""", key: "cus-recorded", eventIdHeader: "evt-recorded");

        var (id, key) = EventRouter.IdAndKey(record);

        Assert.Equal("evt-recorded", id);
        Assert.Equal("cus-recorded"u8.ToArray(), key);
    }

    [Fact]
    public void IdAndKey_OfARecordFromAnOlderIngress_WithoutTheHeader_ReadsTheBody()
    {
        var record = Raw("""{"id":"evt-in-body","customerId":"cus-in-body"}""", key: "cus-in-body", eventIdHeader: null);

        var (id, key) = EventRouter.IdAndKey(record);

        Assert.Equal("evt-in-body", id);
        Assert.Equal("cus-in-body"u8.ToArray(), key);
    }

    [Fact]
    public void IdAndKey_WhenTheCustomerIdWasTooLongForARawKey_ReadsItFromTheBody()
    {
        var customerId = new string('c', EventEnvelope.MaxKeyBytes + 1);
        var record = Raw($$"""{"id":"evt-1","customerId":"{{customerId}}"}""", key: null, eventIdHeader: "evt-1");

        Assert.Equal(Encoding.UTF8.GetBytes(customerId), EventRouter.IdAndKey(record).Key);
    }

    private static ConsumeResult<byte[]?, byte[]?> Raw(string body, string? key, string? eventIdHeader)
    {
        var headers = new Headers().AddText(RecordHeaders.EventTypeReceived, "Customer scanned");
        if (eventIdHeader is not null)
        {
            headers.AddText(RecordHeaders.EventId, eventIdHeader);
        }

        return new ConsumeResult<byte[]?, byte[]?>
        {
            Message = new Message<byte[]?, byte[]?> { Key = key is null ? null : Encoding.UTF8.GetBytes(key), Value = Encoding.UTF8.GetBytes(body), Headers = headers },
        };
    }
}
