namespace Jericommerce.Streams.Reliability.Tests.Soak;

/// <summary>
/// One service at one moment: what the kernel says of its process (RSS, CPU time, threads) and what its own
/// <c>/metrics</c> says of its GC (the runtime's <c>dotnet_gc_*</c> families), as an operator would read them.
/// </summary>
internal sealed record ServiceSample(double RssMiB, double GcHeapMiB, long Threads, double CpuSeconds, double Gen2Collections)
{
    private const double MiB = 1024 * 1024;

    public static async Task<ServiceSample> TakeAsync(ServiceProcess service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var scrape = await Scenario.ScrapeAsync(service, "/metrics");
        return new ServiceSample(
            ProcFs.RssBytes(service.ProcessId) / MiB,
            (PrometheusText.Sum(scrape, "dotnet_gc_last_collection_heap_size_bytes") ?? double.NaN) / MiB,
            ProcFs.Threads(service.ProcessId),
            ProcFs.CpuTime(service.ProcessId).TotalSeconds,
            PrometheusText.Sum(scrape, "dotnet_gc_collections_total", "\"gen2\"") ?? double.NaN);
    }
}
