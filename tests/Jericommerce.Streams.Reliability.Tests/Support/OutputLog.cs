using System.Collections.Concurrent;
using System.Text;

namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>Every line every service process of a test wrote to stdout or stderr, kept after they die.</summary>
internal sealed class OutputLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public void Add(string source, string line) =>
        _lines.Enqueue($"{DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)} [{source}] {line}");

    public int LineCount => _lines.Count;

    public string Text()
    {
        var text = new StringBuilder();
        foreach (var line in _lines)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    public int CountContaining(string fragment) => _lines.Count(l => l.Contains(fragment, StringComparison.Ordinal));

    /// <summary>The last lines of one process, for a failure message.</summary>
    public string Tail(string source, int lines = 40) =>
        string.Join('\n', _lines.Where(l => l.Contains($" [{source}] ", StringComparison.Ordinal)).TakeLast(lines));
}
