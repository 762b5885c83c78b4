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
        typeof(DeadLetterBenchmarks),
    ];

    /// <summary>
    /// The cases a quick run measures: each hot path once (base64 with one secret and hex with two; one event type
    /// for validation, resolution and routing). A full run measures every case.
    /// </summary>
    public static bool IsQuickCase(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var parameters = benchmarkCase.Parameters;
        return benchmarkCase.Descriptor.Type.Name switch
        {
            nameof(SignatureBenchmarks) => (string)parameters["Encoding"] == "base64" ? (int)parameters["Secrets"] == 1 : (int)parameters["Secrets"] == 2,
            nameof(SchemaValidationBenchmarks) => (string)parameters["Slug"] == "customer-scanned",
            nameof(RoutingBenchmarks) => (string)parameters["Slug"] == "customer-scanned",
            _ => true,
        };
    }
}
