using BenchmarkDotNet.Running;

namespace Jericommerce.Streams.Benchmarks;

/// <summary>The hot-path benchmark classes, and the few cases a quick run keeps.</summary>
public static class HotPathSuite
{
    /// <summary>Every benchmark class of this project, in the order the results table lists them.</summary>
    public static IReadOnlyList<Type> Classes { get; } =
    [
        typeof(SignatureBenchmarks),
        typeof(KeyExtractionBenchmarks),
        typeof(SchemaValidationBenchmarks),
        typeof(RoutingBenchmarks),
        typeof(DedupWindowBenchmarks),
        typeof(DeadLetterBenchmarks),
    ];

    /// <summary>
    /// The cases a quick run measures, to stay within its time: the ingress's signature check (base64, one secret)
    /// and key extraction, the worker's validation of its slowest type with and without the compiled check, its whole routing decision for one type (which includes resolution and
    /// validation), its non-validation part, a partition's dedup window at the size the worker phase leaves it, and DLQ record building. A full run measures every case.
    /// </summary>
    public static bool IsQuickCase(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var parameters = benchmarkCase.Parameters;
        return benchmarkCase.Descriptor.Type.Name switch
        {
            nameof(SignatureBenchmarks) => (string)parameters["Encoding"] == "base64" && (int)parameters["Secrets"] == 1,
            nameof(SchemaValidationBenchmarks) => (string)parameters["Slug"] == "wallet-visit"
                && benchmarkCase.Descriptor.WorkloadMethod.Name is not (nameof(SchemaValidationBenchmarks.ResolveHeader) or nameof(SchemaValidationBenchmarks.ValidateEscapedValidEvent)),
            nameof(RoutingBenchmarks) => (string)parameters["Slug"] == "customer-scanned",
            nameof(DedupWindowBenchmarks) => (int)parameters["Ids"] == 20_000,
            nameof(DeadLetterBenchmarks) => benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(DeadLetterBenchmarks.MissingType),
            _ => true,
        };
    }
}
