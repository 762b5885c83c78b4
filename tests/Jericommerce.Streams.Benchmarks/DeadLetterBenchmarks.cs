using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker.Dedup;
using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Benchmarks;

/// <summary>
/// The worker's dead-letter path for one raw record: <see cref="UnknownType"/> is the record building alone (the
/// type header names no type: the raw headers are copied and the reason, time and source added);
/// <see cref="SchemaViolation"/> adds the failed validation, the second evaluation that collects the errors, and
/// the error detail.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class deriving from it.</remarks>
[MemoryDiagnoser]
public class DeadLetterBenchmarks
{
    private EventRouter _router = null!;
    private DedupWindow _window = null!;
    private ConsumeResult<byte[]?, byte[]?> _unknownType = null!;
    private ConsumeResult<byte[]?, byte[]?> _schemaViolation = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = SchemaCatalog.Load();
        _router = BenchmarkRouting.Router(catalog);
        _window = BenchmarkRouting.Window();
        _unknownType = BenchmarkEvents.RawRecord(BenchmarkEvents.Valid("customer-scanned", BenchmarkEvents.Id(1), "cus-1"), "Customer teleported", "cus-1", 1);
        var invalid = BenchmarkEvents.Example("customer-scanned.invalid.missing-shopId.json", BenchmarkEvents.Id(2), "cus-2");
        _schemaViolation = BenchmarkEvents.RawRecord(invalid, "Customer scanned", "cus-2", 2);
        Expect(_unknownType, DeadLetterKinds.UnknownEventType);
        Expect(_schemaViolation, DeadLetterKinds.SchemaViolation);
    }

    [Benchmark]
    public object? UnknownType() => _router.Decide(_unknownType, _window).Output;

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
