using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Ingress.Tests.Support;

/// <summary>Keeps every log entry of the app under test, at every level, with its structured values.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>Everything logged, as one text: messages, structured values and exceptions.</summary>
    public string AllText()
    {
        var text = new StringBuilder();
        foreach (var entry in _entries)
        {
            text.AppendLine(entry.ToString());
        }

        return text.ToString();
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    internal sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, string?>> Values, string? Exception)
    {
        public string? Value(string name) => Values.FirstOrDefault(v => v.Key == name).Value;

        public override string ToString() =>
            $"{Level} {Category}[{EventId.Id}] {Message} | {string.Join("; ", Values.Select(v => $"{v.Key}={v.Value}"))} | {Exception}";
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, string?>(p.Key, Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))).ToList()
                : [];
            entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
