using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Jericommerce.Streams.Reliability.Tests.Accounting;

/// <summary>
/// Collects the scenario rows into the results table (docs/reliability.md). Each row is appended to
/// <c>&lt;table&gt;.rows.jsonl</c> and the Markdown table is rewritten from all rows, so the file is
/// complete whenever the run ends. The table's path is <c>JCS_CHAOS_RESULTS</c> (what <c>make chaos</c>
/// prints), else <c>chaos-results.md</c> beside the test binaries.
/// </summary>
internal static class ResultsTable
{
    public const string Variable = "JCS_CHAOS_RESULTS";

    private static readonly Lock Gate = new();
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static string TablePath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(Variable);
            return string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(AppContext.BaseDirectory, "chaos-results.md")
                : Path.GetFullPath(configured);
        }
    }

    public static void Record(ScenarioResult row)
    {
        var table = TablePath;
        var rowsFile = table + ".rows.jsonl";
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(table)!);
            File.AppendAllText(rowsFile, JsonSerializer.Serialize(row, Json) + "\n");
            var rows = File.ReadAllLines(rowsFile)
                .Where(l => l.Length > 0)
                .Select(l => JsonSerializer.Deserialize<ScenarioResult>(l, Json)!)
                .OrderBy(r => r.Order)
                .ThenBy(r => r.At)
                .ToList();
            File.WriteAllText(table, Render(rows));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"results table: {table}");
    }

    /// <summary>Keeps a free-form summary (a fuzz run's answers) beside the table, one file per kind.</summary>
    public static void Note(string kind, string text)
    {
        var file = Path.Combine(Path.GetDirectoryName(TablePath)!, "chaos-logs", $"{kind}.txt");
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.AppendAllText(file, text + "\n");
        }
    }

    public static string Render(IEnumerable<ScenarioResult> rows)
    {
        var text = new StringBuilder()
            .AppendLine("| Scenario | Profile | Wall time | Sent | 2xx | Landed (typed + DLQ) | Lost | Duplicated downstream | Allowed | Extra raw copies | Extra DLQ copies | Notes |")
            .AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Profile} | {r.WallSeconds:0} s | {r.Sent:N0} | {r.Accepted:N0} | {r.Landed:N0} | {r.Lost} | {r.Duplicated} | {r.Bound} | {r.RawExtra} | {r.DeadLetterExtra} | {r.Notes} |"));
        }

        return text.ToString();
    }
}
