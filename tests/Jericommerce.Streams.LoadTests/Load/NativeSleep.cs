using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Jericommerce.Streams.LoadTests.Load;

/// <summary>
/// Sleeps with microsecond resolution (<c>usleep</c>): Thread.Sleep rounds to milliseconds, which would add up to
/// a millisecond of the generator's own lateness to every latency measured from the scheduled send time.
/// </summary>
internal static partial class NativeSleep
{
    public static void Until(long timestamp)
    {
        var remaining = timestamp - Stopwatch.GetTimestamp();
        if (remaining > 0)
        {
            _ = USleep((uint)Math.Min(remaining * 1_000_000 / Stopwatch.Frequency, 1_000_000));
        }
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}
