using System.Globalization;
using System.Text.RegularExpressions;

namespace Jericommerce.Streams.Deploy.Tests.Support;

/// <summary>
/// The highest peak RSS and service CPU each service reached in the latest benchmark results
/// (tests/Jericommerce.Streams.Benchmarks/results/latest.md and latest-quick.md, written by make bench / bench-quick).
/// The harness prints RSS in MiB as "MB" (Report/Format.Megabytes) and CPU as "svc N" cores in the last column.
/// </summary>
internal static partial class BenchmarkPeaks
{
    public sealed record Peak(long RssBytes, string RssSource, double Cores, string CoresSource);

    public static readonly string[] ResultFiles =
    [
        "tests/Jericommerce.Streams.Benchmarks/results/latest.md",
        "tests/Jericommerce.Streams.Benchmarks/results/latest-quick.md",
    ];

    public static IReadOnlyDictionary<string, Peak> Read() => Read(ResultFiles.Select(f => (f, File.ReadAllText(Repository.PathOf(f)))));

    public static IReadOnlyDictionary<string, Peak> Read(IEnumerable<(string Name, string Text)> files)
    {
        var rss = new Dictionary<string, (long Bytes, string Source)>(StringComparer.Ordinal);
        var cores = new Dictionary<string, (double Cores, string Source)>(StringComparer.Ordinal);
        foreach (var (name, text) in files)
        {
            foreach (var line in text.Split('\n'))
            {
                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length < 9)
                {
                    continue;
                }

                var (area, measure, full, cpu) = (cells[1], cells[2], cells[3], cells[8]);
                if (area == "Memory" && measure.Contains("peak RSS", StringComparison.Ordinal))
                {
                    // "ingress peak RSS ...": one figure; "peak RSS ... : ingress / worker": one per service, in that order.
                    var services = measure.Contains(':', StringComparison.Ordinal)
                        ? measure[(measure.LastIndexOf(':') + 1)..].Split('/', StringSplitOptions.TrimEntries)
                        : [measure.Split(' ')[0]];
                    var figures = Megabytes().Matches(full).Select(m => long.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray();
                    foreach (var (service, mib) in services.Zip(figures))
                    {
                        var bytes = mib * 1024 * 1024;
                        if (!rss.TryGetValue(service, out var known) || bytes > known.Bytes)
                        {
                            rss[service] = (bytes, $"{name} ({measure})");
                        }
                    }
                }
                else if (area is "Ingress" or "Worker" && ServiceCores().Match(cpu.Split("(ceiling")[0]) is { Success: true } match)
                {
                    var service = area.ToLowerInvariant();
                    var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                    if (!cores.TryGetValue(service, out var known) || value > known.Cores)
                    {
                        cores[service] = (value, $"{name} ({measure})");
                    }
                }
            }
        }

        return rss.Keys.Intersect(cores.Keys).ToDictionary(
            s => s, s => new Peak(rss[s].Bytes, rss[s].Source, cores[s].Cores, cores[s].Source), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"([0-9][0-9,]*) MB")]
    private static partial Regex Megabytes();

    [GeneratedRegex(@"svc ([0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex ServiceCores();
}
