using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker.Dedup;
using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Benchmarks;

/// <summary>
/// The worker's dead-letter path for one raw record: <see cref="MissingType"/> is the record building alone (the
/// record has no event-type header: the raw headers are copied and the reason, time and source added; a type the
/// catalog does not know is not a dead letter, it goes to a topic of its own);
/// <see cref="SchemaViolation"/> adds the failed validation, the second evaluation that collects the errors, and
/// the error detail.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class deriving from it.</remarks>
[MemoryDiagnoser]
public class DeadLetterBenchmarks
{
    private EventRouter _router = null!;
    private DedupWindow _window = null!;
    private ConsumeResult<byte[]?, byte[]?> _missingType = null!;
    private ConsumeResult<byte[]?, byte[]?> _schemaViolation = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = SchemaCatalog.Load();
        _router = BenchmarkRouting.Router(catalog);
        _window = BenchmarkRouting.Window();
        _missingType = BenchmarkEvents.RawRecord(BenchmarkEvents.Valid("customer-scanned", BenchmarkEvents.Id(1), "cus-1"), null, "cus-1", 1);
        var invalid = BenchmarkEvents.Example("customer-scanned.invalid.missing-shopId.json", BenchmarkEvents.Id(2), "cus-2");
        _schemaViolation = BenchmarkEvents.RawRecord(invalid, "Customer scanned", "cus-2", 2);
        Expect(_missingType, DeadLetterKinds.MissingEventType);
        Expect(_schemaViolation, DeadLetterKinds.SchemaViolation);
    }

    [Benchmark]
    public object? MissingType() => _router.Decide(_missingType, _window).Output;

    [Benchmark]
    public object? SchemaViolation() => _router.Decide(_schemaViolation, _window).Output;

    private void Expect(ConsumeResult<byte[]?, byte[]?> record, string kind)
    {
        var decision = _router.Decide(record, _window);
        if (decision.Kind != RouteKind.DeadLetter || decision.Label != kind)
        {
            throw new InvalidOperationException($"Expected a {kind} dead letter, got {decision.Kind} {decision.Label}.");
        }
    }
}
