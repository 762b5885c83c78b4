using System.Diagnostics;
using System.Text;

namespace Jericommerce.Streams.Cli.Tests.Support;

/// <summary>jcs as a process of its own (<c>dotnet jcs.dll ...</c>), for what only a process shows: exit codes, signals.</summary>
internal sealed class JcsProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly Lock _gate = new();

    private JcsProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Out
    {
        get
        {
            lock (_gate)
            {
                return _out.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_gate)
            {
                return _error.ToString();
            }
        }
    }

    public static JcsProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts jcs with these environment variables on top of the test's own.</summary>
    public static JcsProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = ChildProcesses.Dotnet("jcs.dll", environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)), args);
        start.RedirectStandardInput = true;
        WithInterruptAtItsDefault(start);

        var process = ChildProcesses.Start(start);
        var result = new JcsProcess(process);
        process.OutputDataReceived += (_, e) => result.Append(result._out, e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(result._error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Runs to the end, with <paramref name="stdin"/> as its input.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string? stdin, params string[] args)
    {
        using var process = Start(args);
        if (stdin is not null)
        {
            await process._process.StandardInput.WriteAsync(stdin);
        }

        process._process.StandardInput.Close();
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code ?? -1, process.Out, process.Error);
    }

    /// <summary>
    /// Starts jcs through <c>env --default-signal=INT</c>, as a terminal starts its foreground job. A shell without job
    /// control starts a background command (<c>make test &amp;</c> in a script, as a CI runner may) with SIGINT ignored,
    /// every process under it inherits that, and .NET leaves an ignored SIGINT ignored: jcs would never see the test's
    /// Ctrl-C (the test then failed only when the suite itself was started that way).
    /// </summary>
    private static void WithInterruptAtItsDefault(ProcessStartInfo start)
    {
        start.ArgumentList.Insert(0, start.FileName);
        start.ArgumentList.Insert(0, "--default-signal=INT");
        start.FileName = "env";
    }

    /// <summary>Waits until stdout has a line containing <paramref name="text"/>; false when the process ended or the time ran out first.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        try
        {
            await Eventually.UntilAsync(() => Out.Contains(text, StringComparison.Ordinal) || _process.HasExited, $"\"{text}\" on stdout", timeout);
        }
        catch (TimeoutException)
        {
            // Said by the caller, with the output.
        }

        return Out.Contains(text, StringComparison.Ordinal);
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>The exit code, or null when it did not exit in time.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.Append(line).Append('\n');
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
