namespace Jericommerce.Streams.Cli.Common;

/// <summary>
/// Where a command writes: results to <see cref="Out"/> (what a script reads), errors and progress to
/// <see cref="Error"/>. Writes are serialised, so concurrent tasks never interleave within a line.
/// </summary>
internal sealed class Terminal(TextWriter output, TextWriter error)
{
    private readonly Lock _gate = new();
    private bool _progressShown;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>True when stderr is a terminal a person watches: progress is redrawn in place there.</summary>
    public bool IsInteractive { get; } = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            ClearProgress();
            Out.WriteLine(line);
            Out.Flush();
        }
    }

    public void WriteErrorLine(string line)
    {
        lock (_gate)
        {
            ClearProgress();
            Error.WriteLine(line);
            Error.Flush();
        }
    }

    /// <summary>One line on stderr, the shape every expected failure takes.</summary>
    public Task ErrorAsync(string message)
    {
        WriteErrorLine($"error: {message}");
        return Task.CompletedTask;
    }

    /// <summary>
    /// Shows how far a long operation is: redrawn in place on an interactive terminal, else written as a line
    /// (the caller paces those, so that logs get a line every few seconds, not a flood).
    /// </summary>
    public void WriteProgress(string text)
    {
        lock (_gate)
        {
            if (IsInteractive)
            {
                Error.Write($"\r{text}\u001b[K");
                _progressShown = true;
            }
            else
            {
                Error.WriteLine(text);
            }

            Error.Flush();
        }
    }

    /// <summary>Removes a progress line redrawn in place, so that the next output starts on a clean line.</summary>
    public void ClearProgress()
    {
        lock (_gate)
        {
            if (_progressShown)
            {
                Error.Write("\r\u001b[K");
                Error.Flush();
                _progressShown = false;
            }
        }
    }
}
