using BenchmarkDotNet.Attributes;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Benchmarks;

/// <summary>
/// The ingress's one pass over the body for the record key (top-level <c>customerId</c>) and the event id for its
/// logs, on the largest valid example (<c>wallet-click</c>, nested <c>properties</c> skipped).
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class deriving from it.</remarks>
[MemoryDiagnoser]
public class KeyExtractionBenchmarks
{
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        _body = BenchmarkEvents.Valid("wallet-click", BenchmarkEvents.Id(1), "cus-00000001");
        if (EventEnvelope.Read(_body).CustomerIdKey is null)
        {
            throw new InvalidOperationException("The benchmark's body has no key.");
        }
    }

    [Benchmark]
    public int ExtractCustomerIdKey() => EventEnvelope.Read(_body).CustomerIdKey!.Length;
}
