using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Jericommerce.Streams.Benchmarks;
using Perfolizer.Horology;

namespace Jericommerce.Streams.LoadTests.Phases;

/// <summary>
/// The hot-path micro-benchmarks (<c>tests/Jericommerce.Streams.Benchmarks</c>, BenchmarkDotNet with the memory
/// diagnoser) run first, in this process (in-process toolchain: no per-class build), while nothing else of the
/// run is going on. Their full output goes to a log file; the mean and allocation per call join the table.
/// </summary>
internal static class MicroPhase
{
    public static void Run(BenchContext context)
    {
        var quick = !context.Settings.AllMicroCases;
        var job = quick
            ? Job.Default.WithWarmupCount(3).WithIterationCount(4).WithIterationTime(TimeInterval.FromMilliseconds(120)).WithEvaluateOverhead(false)
            : Job.ShortRun;
        Directory.CreateDirectory(context.KeptLogDirectory);
        var logPath = Path.Combine(context.KeptLogDirectory, "micro-benchmarks.log");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job.WithToolchain(InProcessEmitToolchain.DontLogOutput))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(new StreamLogger(logPath))
            .WithArtifactsPath(Path.Combine(context.KeptLogDirectory, "BenchmarkDotNet.Artifacts"));
        if (quick)
        {
            config = config.AddFilter(new SimpleFilter(HotPathSuite.IsQuickCase));
        }

        BenchContext.Progress($"hot paths: BenchmarkDotNet ({(quick ? "quick cases, short iterations" : "every case, ShortRun job")}), log in {logPath}");
        var summaries = BenchmarkRunner.Run([.. HotPathSuite.Classes], config);
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports)
            {
                var mean = report.ResultStatistics?.Mean;
                var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                var row = new ResultRow(
                    "Hot path",
                    Describe(report),
                    mean is { } ns ? $"{Format.Nanoseconds(ns)} · {Format.Bytes(allocated ?? 0)}" : "failed (see the log)");
                context.Table.Add(row);
                BenchContext.Progress($"  {row.Measure}: {row.Full}");
            }
        }
    }

    private static string Describe(BenchmarkReport report)
    {
        var benchmark = report.BenchmarkCase;
        string Parameter(string name) => benchmark.Parameters[name]?.ToString() ?? "";
        return (benchmark.Descriptor.Type.Name, benchmark.Descriptor.WorkloadMethod.Name) switch
        {
            (nameof(SignatureBenchmarks), _) => $"ingress: signature verification, {Parameter("Encoding")}, {Parameter("Secrets")} secret(s) configured",
            (nameof(KeyExtractionBenchmarks), _) => "ingress: customerId key (and event id) extraction, one pass over the body",
            (nameof(SchemaValidationBenchmarks), nameof(SchemaValidationBenchmarks.ResolveHeader)) => $"worker: type resolution of the event-type header ({Parameter("Slug")})",
            (nameof(SchemaValidationBenchmarks), nameof(SchemaValidationBenchmarks.ValidateValidEventWithJsonSchemaNetAlone)) => $"worker: schema validation of a valid `{Parameter("Slug")}` event, JsonSchema.Net alone (the reference)",
            (nameof(SchemaValidationBenchmarks), nameof(SchemaValidationBenchmarks.ValidateEscapedValidEvent)) => $"worker: schema validation of a valid `{Parameter("Slug")}` event as System.Text.Json writes it ('+' as \\u002B), as the worker does it",
            (nameof(SchemaValidationBenchmarks), _) => $"worker: schema validation of a valid `{Parameter("Slug")}` event, as the worker does it (compiled check)",
            (nameof(RoutingBenchmarks), nameof(RoutingBenchmarks.Decide)) => $"worker: routing decision of a valid `{Parameter("Slug")}` record (resolve, validate, envelope, dedup TryAdd, typed record)",
            (nameof(RoutingBenchmarks), _) => $"worker: envelope read + dedup TryAdd ({Parameter("Slug")})",
            (nameof(DedupWindowBenchmarks), _) => $"worker: one partition's dedup window holding {Parameter("Ids")} ids (allocated = its memory, growth included)",
            (nameof(DeadLetterBenchmarks), nameof(DeadLetterBenchmarks.MissingType)) => "worker: DLQ record building (no event-type header: no validation)",
            (nameof(DeadLetterBenchmarks), _) => "worker: DLQ record of a schema violation (failed validation, error collection, record)",
            var (type, method) => $"{type}.{method}",
        };
    }
}
