using System.Globalization;

namespace Jericommerce.Streams.Testing;

/// <summary>
/// What Linux's <c>/proc</c> says about a process and the machine. Shared by the tests (through this project)
/// and the load harness (which compiles this file itself, to stay free of the test frameworks).
/// </summary>
public static class ProcFs
{
    /// <summary>USER_HZ: the unit of the CPU times in <c>/proc/&lt;pid&gt;/stat</c> (100 on Linux x86-64).</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>User plus system CPU time of the process so far (all its threads).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }

    /// <summary>The peak resident set size (<c>VmHWM</c>) in bytes.</summary>
    public static long PeakRssBytes(int pid) => StatusKilobytes(pid, "VmHWM:") * 1024;

    /// <summary>The current resident set size (<c>VmRSS</c>) in bytes.</summary>
    public static long RssBytes(int pid) => StatusKilobytes(pid, "VmRSS:") * 1024;

    /// <summary>The number of threads of the process.</summary>
    public static long Threads(int pid) => StatusValue(pid, "Threads:");

    /// <summary>CPU time the whole machine has spent busy (not idle, not waiting for I/O, not stolen) since boot.</summary>
    public static TimeSpan MachineBusy()
    {
        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        var busy = Field(1) + Field(2) + Field(3) + Field(6) + Field(7);
        return TimeSpan.FromSeconds(busy / ClockTicksPerSecond);
    }

    /// <summary>The 1-minute load average.</summary>
    public static double LoadAverage()
    {
        var text = File.ReadAllText("/proc/loadavg");
        return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
    }

    /// <summary>The CPU model name from <c>/proc/cpuinfo</c>.</summary>
    public static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo")
            .Where(line => line.StartsWith("model name", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault() ?? "unknown";

    /// <summary>Total memory from <c>/proc/meminfo</c>, in bytes.</summary>
    public static long MemoryTotalBytes() =>
        File.ReadLines("/proc/meminfo")
            .Where(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Select(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024)
            .FirstOrDefault();

    private static long StatusKilobytes(int pid, string field) => StatusValue(pid, field);

    private static long StatusValue(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
