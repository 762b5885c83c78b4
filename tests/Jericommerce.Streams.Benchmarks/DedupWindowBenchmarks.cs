using BenchmarkDotNet.Attributes;
using Jericommerce.Streams.Worker.Dedup;

namespace Jericommerce.Streams.Benchmarks;

/// <summary>
/// What one raw partition's dedup window costs in memory: a new window (default capacity, 200,000 ids) filled with
/// <see cref="Ids"/> distinct ids. Everything allocated is the window itself (the ids are made in setup), so the
/// allocation per operation is the memory a partition's window takes for that many ids, its growth included.
/// 20,000 is what each of 32 partitions holds after the 600,000 events of a full <c>make bench</c> worker phase;
/// 200,000 is a full window.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class deriving from it.</remarks>
[MemoryDiagnoser]
public class DedupWindowBenchmarks
{
    private const long Noon = 1_767_268_800_000;
    private string[] _ids = [];

    [Params(20_000, 200_000)]
    public int Ids { get; set; } = 20_000;

    [GlobalSetup]
    public void Setup() => _ids = [.. Enumerable.Range(0, Ids).Select(BenchmarkEvents.Id)];

    [Benchmark]
    public int Fill()
    {
        var window = new DedupWindow(TimeSpan.FromHours(24), 200_000);
        for (var i = 0; i < _ids.Length; i++)
        {
            window.TryAdd(_ids[i], Noon + i);
        }

        return window.Count;
    }
}
