using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker.Dedup;
using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Benchmarks;

/// <summary>
/// The worker's routing decision for one valid raw record: read the type header, resolve it, validate the body,
/// read the envelope (<c>id</c>, <c>customerId</c>), dedup <c>TryAdd</c>, build the typed record and its headers.
/// Every record has its own id (a ring of 4,096 records; the window holds 1,024 ids, so each add also forgets the
/// oldest id, as a full window does in production), so nothing is discarded as a duplicate.
/// <see cref="EnvelopeAndDedup"/> is the part of it that is not schema validation.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class deriving from it.</remarks>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private const int Ring = 4_096;

    private EventRouter _router = null!;
    private DedupWindow _window = null!;
    private DedupWindow _envelopeWindow = null!;
    private ConsumeResult<byte[]?, byte[]?>[] _records = [];
    private int _next;

    [Params("customer-scanned", "wallet-click")]
    public string Slug { get; set; } = "customer-scanned";

    [GlobalSetup]
    public void Setup()
    {
        var catalog = SchemaCatalog.Load();
        var type = catalog.EventTypes.Single(t => t.Slug == Slug);
        _router = BenchmarkRouting.Router(catalog);
        _window = BenchmarkRouting.Window();
        _envelopeWindow = BenchmarkRouting.Window();
        _records = [.. Enumerable.Range(0, Ring).Select(i =>
        {
            var customer = $"cus-{i % 977:D8}";
            return BenchmarkEvents.RawRecord(BenchmarkEvents.Valid(Slug, BenchmarkEvents.Id(i), customer), type.HeaderNames[0], customer, i);
        })];
        var probe = BenchmarkRouting.Window();
        if (_router.Decide(_records[0], probe).Kind != RouteKind.Typed)
        {
            throw new InvalidOperationException($"The {Slug} benchmark record is not routed to its typed topic.");
        }
    }

    [Benchmark]
    public object? Decide()
    {
        var record = _records[_next++ & (Ring - 1)];
        return _router.Decide(record, _window).Output;
    }

    [Benchmark]
    public bool EnvelopeAndDedup()
    {
        var record = _records[_next++ & (Ring - 1)];
        var envelope = EventEnvelope.Read(record.Message.Value);
        return _envelopeWindow.TryAdd(envelope.Id!, EventRouter.ReceivedAt(record) ?? 0);
    }
}
