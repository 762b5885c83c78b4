using System.Diagnostics;
using Jericommerce.Streams.Cli.Common;

namespace Jericommerce.Streams.Cli.Dev;

/// <summary>
/// A service of the dev stack running as a process of its own (<c>dotnet jcs-ingress.dll</c>), its output shown
/// line by line behind its name, stopped with SIGTERM so that it shuts down as it would in production.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TimeProvider _time;

    private ServiceProcess(string name, Process process, TimeProvider time)
    {
        Name = name;
        _process = process;
        _time = time;
        Exited = WaitForExitAsync();
    }

    public string Name { get; }

    /// <summary>Completes with the exit code when the process ends, whatever the reason.</summary>
    public Task<int> Exited { get; }

    public static ServiceProcess Start(string name, string assemblyPath, IReadOnlyDictionary<string, string> environment, Terminal terminal, TimeProvider time)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            ArgumentList = { assemblyPath },
            // The content root, where the service finds its appsettings.json.
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The services never read input: a pipe keeps them off the terminal's input.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var prefix = $"{name,-7} | ";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                terminal.WriteLine(prefix + e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                terminal.WriteErrorLine(prefix + e.Data);
            }
        };

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new CliException($"cannot start {name} ({start.FileName} {assemblyPath}): {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(name, process, time);
    }

    /// <summary>
    /// SIGTERM, then up to <paramref name="grace"/> for a graceful exit, then SIGKILL. Returns the exit code, or null
    /// when it had to be killed.
    /// </summary>
    public async Task<int?> StopAsync(TimeSpan grace)
    {
        if (!Exited.IsCompleted && !PosixSignals.Terminate(_process.Id))
        {
            _process.Kill(entireProcessTree: true);
        }

        if (await Task.WhenAny(Exited, Task.Delay(grace, _time)) == Exited)
        {
            return await Exited;
        }

        _process.Kill(entireProcessTree: true);
        await Exited;
        return null;
    }

    private async Task<int> WaitForExitAsync()
    {
        // Also waits for the output to be read to its end, so that a crash's last lines are shown.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Exited.IsCompleted)
        {
            _process.Kill(entireProcessTree: true);
            await Exited;
        }

        _process.Dispose();
    }
}
