using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker.Dedup;
using Jericommerce.Streams.Worker.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Jericommerce.Streams.Worker.Tests.Dedup;

/// <summary>
/// The dedup window's expiry on a fake clock: a record with no receipt time (<c>jc-received-at</c>) is placed in the
/// window at the worker's clock instead.
/// </summary>
public sealed class DedupExpiryTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T12:00:00Z", provider: null));
    private readonly EventRouter _router;
    private readonly DedupWindow _window = new(Window, capacity: 1_000);
    private readonly ConsumeResult<byte[]?, byte[]?> _record;

    public DedupExpiryTests()
    {
        var catalog = SchemaCatalog.Load();
        _router = new EventRouter(catalog, Options.Create(new WorkerOptions { DedupWindow = Window }), _time);
        var type = catalog.EventTypes.Single(t => t.Slug == "customer-scanned");
        _record = new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset("jericommerce.raw", 0, 7),
            Message = new Message<byte[]?, byte[]?>
            {
                Key = "cus-1"u8.ToArray(),
                Value = RawEvents.CustomerScanned("evt-expiry", "cus-1", 1),
                Headers = new Headers().AddText(RecordHeaders.EventTypeReceived, type.HeaderNames[0]),
            },
        };
    }

    [Fact]
    public void Decide_TheSameEventAgainWithinTheWindow_IsADuplicate()
    {
        Assert.Equal(RouteKind.Typed, _router.Decide(_record, _window).Kind);
        _time.Advance(Window - TimeSpan.FromMinutes(1));

        Assert.Equal(RouteKind.Duplicate, _router.Decide(_record, _window).Kind);
    }

    [Fact]
    public void Decide_TheSameEventOnceTheWindowHasPassed_IsRoutedAgain()
    {
        Assert.Equal(RouteKind.Typed, _router.Decide(_record, _window).Kind);
        _time.Advance(Window + TimeSpan.FromMinutes(1));

        Assert.Equal(RouteKind.Typed, _router.Decide(_record, _window).Kind);
    }
}
