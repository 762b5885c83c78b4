using System.Globalization;
using System.Text;

namespace Jericommerce.Streams.LoadTests.Report;

/// <summary>The run's one table, with its header (date, machine, load) and notes, as Markdown.</summary>
internal sealed class ResultsTable
{
    private readonly List<ResultRow> _rows = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<ResultRow> Rows => _rows;

    public void Add(ResultRow row) => _rows.Add(row);

    public void Note(string note) => _notes.Add(note);

    public string ToMarkdown(string title, IEnumerable<string> header)
    {
        var text = new StringBuilder();
        text.Append("# ").AppendLine(title).AppendLine();
        foreach (var line in header)
        {
            text.Append("- ").AppendLine(line);
        }

        text.AppendLine();
        text.AppendLine("| Area | Measure | Full | Ceiling (same run) | Full ÷ ceiling | Target | Met | CPU during full, cores (generator · broker · service) |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | --- | --- | --- |");
        foreach (var row in _rows)
        {
            var met = row.Met switch
            {
                true => "yes",
                false => "**no**",
                null => "",
            };
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Area} | {row.Measure} | {row.Full} | {row.Ceiling} | {row.Ratio} | {row.Target} | {met} | {row.Cpu} |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine().AppendLine("Notes:").AppendLine();
            foreach (var note in _notes)
            {
                text.Append("- ").AppendLine(note);
            }
        }

        return text.ToString();
    }
}
