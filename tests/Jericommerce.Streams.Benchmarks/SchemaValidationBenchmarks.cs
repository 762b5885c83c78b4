using BenchmarkDotNet.Attributes;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Benchmarks;

/// <summary>
/// The per-event cost on the worker's hot path: validating a valid payload of each type (the common case), and
/// resolving the event-type header. Validation is measured twice in the same run: as the worker does it (the compiled
/// check answers for a valid payload) and with JsonSchema.Net alone, the reference the compiled check replaces there.
/// </summary>
/// <remarks>
/// Not sealed: BenchmarkDotNet generates a class deriving from it. Min and median are shown because on a shared
/// machine the mean mostly measures the neighbours.
/// </remarks>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SchemaValidationBenchmarks
{
    private SchemaCatalog _catalog = null!;
    private EventType _eventType = null!;
    private ReadOnlyMemory<byte> _payload;
    private ReadOnlyMemory<byte> _escapedPayload;
    private string _header = "";

    [ParamsSource(nameof(Slugs))]
    public string Slug { get; set; } = "";

    public static IEnumerable<string> Slugs() => SchemaCatalog.Load().EventTypes.Select(type => type.Slug);

    [GlobalSetup]
    public void Setup()
    {
        _catalog = SchemaCatalog.Load();
        _eventType = _catalog.EventTypes.Single(type => type.Slug == Slug);
        // The fullest valid example of the type: every optional field it documents is present, the worst case.
        var example = Path.Combine(SchemaDirectory.Default, "examples", $"{Slug}.valid.json");
        _payload = File.ReadAllBytes(example);
        // Shouted and snake-cased, so that normalisation has work to do.
        _header = _eventType.HeaderNames[0].ToUpperInvariant().Replace(' ', '_');
        // The same event written by System.Text.Json's default encoder, as the load harness sends it: '+' in an offset
        // date-time becomes \u002B, which sends validation through its escape checks.
        _escapedPayload = BenchmarkEvents.Valid(Slug, BenchmarkEvents.Id(0), "cus_bench_0");
        if (!_catalog.Validate(_eventType, _payload).IsValid || !_catalog.Validate(_eventType, _escapedPayload).IsValid)
        {
            throw new InvalidOperationException($"{example} does not validate as {Slug}.");
        }
    }

    [Benchmark]
    public bool ValidateValidEvent() => _catalog.Validate(_eventType, _payload).IsValid;

    [Benchmark]
    public bool ValidateEscapedValidEvent() => _catalog.Validate(_eventType, _escapedPayload).IsValid;

    [Benchmark]
    public bool ValidateValidEventWithJsonSchemaNetAlone() => _catalog.Validate(_eventType, _payload, useCompiled: false).IsValid;

    [Benchmark]
    public bool ResolveHeader() => _catalog.TryResolve(_header, out _);
}
