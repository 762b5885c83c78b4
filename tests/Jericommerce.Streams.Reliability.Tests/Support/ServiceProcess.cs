using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>
/// A service (<c>dotnet jcs-ingress.dll</c> or <c>jcs-worker.dll</c>) as a real process, configured by
/// environment variables the way an operator would, its output captured in an <see cref="OutputLog"/>.
/// <see cref="Kill"/> is SIGKILL (a crash, the OOM killer); <see cref="StopAsync"/> is SIGTERM (an
/// orchestrator's graceful stop).
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly string[] ScrubbedPrefixes = ["Kafka__", "Ingress__", "Worker__", "Kestrel__", "ASPNETCORE_", "DOTNET_ENVIRONMENT", "Logging__"];

    private readonly Process _process;

    private readonly OutputLog _output;

    private ServiceProcess(string name, Process process, int port, OutputLog output)
    {
        _output = output;
        Name = name;
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>True once the test killed or stopped it: any other exit is the process dying by itself.</summary>
    public bool StoppedByTest { get; private set; }

    public static ServiceProcess Start(string name, string entryAssembly, IReadOnlyDictionary<string, string> environment, int port, OutputLog output)
    {
        var start = ChildProcesses.Dotnet(entryAssembly);

        // Only what the test sets: nothing inherited from the runner may change a service's settings.
        foreach (var key in start.Environment.Keys.Where(k => ScrubbedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Add(name, e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Add(name, "stderr: " + e.Data);
            }
        };
        ChildProcesses.Start(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(name, process, port, output);
    }

    /// <summary>Waits until <paramref name="path"/> answers 200, failing early if the process exits.</summary>
    public async Task WaitUntilHealthyAsync(string path, TimeSpan timeout, OutputLog output, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.UntilAsync(
            async token =>
            {
                if (HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited with code {ExitCode} before {path} answered 200:\n{output.Tail(Name)}");
                }

                try
                {
                    using var response = await client.GetAsync(path, token);
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false; // Not listening yet.
                }
                catch (TaskCanceledException) when (!token.IsCancellationRequested)
                {
                    return false; // Too slow to answer yet.
                }
            },
            () => $"{Name}: {path} to answer 200:\n{output.Tail(Name)}",
            timeout,
            cancellationToken);
    }

    /// <summary>SIGKILL: no drain, no flush, no commit, no goodbye.</summary>
    public void Kill()
    {
        _output.Add("test", $"SIGKILL {Name}");
        StoppedByTest = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then waits for the process to finish its graceful stop (SIGKILL after <paramref name="timeout"/>).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        _output.Add("test", $"SIGTERM {Name}");
        StoppedByTest = true;
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) } })!)
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            _output.Add("test", $"{Name} exited ({_process.ExitCode})");
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not stop within {timeout} of SIGTERM.");
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
