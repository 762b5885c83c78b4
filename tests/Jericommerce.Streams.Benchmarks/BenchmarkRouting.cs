using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker;
using Jericommerce.Streams.Worker.Dedup;
using Jericommerce.Streams.Worker.Routing;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Benchmarks;

/// <summary>The worker's router as the routing benchmarks run it, and the dedup window it decides with.</summary>
internal static class BenchmarkRouting
{
    /// <summary>The router over <paramref name="catalog"/> with the worker's default settings and the system clock.</summary>
    public static EventRouter Router(SchemaCatalog catalog) => new(catalog, Options.Create(new WorkerOptions()), TimeProvider.System);

    /// <summary>
    /// A day's window of 1,024 ids: fewer than a benchmark's ring of records, so that each add also forgets the oldest
    /// id, as a full window does in production.
    /// </summary>
    public static DedupWindow Window() => new(TimeSpan.FromHours(24), 1_024);
}
