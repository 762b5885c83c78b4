using System.Collections.Concurrent;
using System.Diagnostics;

namespace Jericommerce.Streams.LoadTests.Processes;

/// <summary>
/// A process the harness started (the broker, a service, a ceiling host): <c>dotnet &lt;dll&gt;</c> with its output
/// in a log file of its own (so that a chatty service never waits on a pipe the harness has to drain), its
/// standard input a pipe from the harness (harness-hosted children stop when it closes), and its CPU time and
/// peak RSS read from <c>/proc</c>. Started through <see cref="ChildProcesses"/>, so that every child dies with the
/// harness however it ends.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly ConcurrentDictionary<int, ChildProcess> Running = new();
    private static long _stoppedCpuTicks;

    private readonly Process _process;
    private readonly ProcessReadings _readings;

    private ChildProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        Id = process.Id;
        _readings = new ProcessReadings(Id);
    }

    public string Name { get; }

    /// <summary>CPU time of every child so far, running or stopped.</summary>
    public static TimeSpan AllChildrenCpuTime =>
        TimeSpan.FromTicks(Interlocked.Read(ref _stoppedCpuTicks)) + Running.Values.Aggregate(TimeSpan.Zero, (sum, child) => sum + child.CpuTime);

    public int Id { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time so far (the last value read once the process is gone).</summary>
    public TimeSpan CpuTime => _readings.CpuTime;

    /// <summary>Peak resident set size so far, in bytes (the last value read once the process is gone).</summary>
    public long PeakRssBytes => _readings.PeakRssBytes;

    /// <param name="runtimeConfig">
    /// A <c>.runtimeconfig.json</c> to run <paramref name="dll"/> with instead of its own: a ceiling hosted in the harness
    /// runs with its service's (GC mode, thread-pool knobs), so that the pair differs only in the work measured.
    /// </param>
    public static ChildProcess Start(string name, string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logDirectory, string? runtimeConfig = null)
    {
        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, $"{name}.log");
        // bash, not /bin/sh: Debian's sh (dash) drops every variable whose name is not a shell identifier, and the
        // pass-through librdkafka settings are such names (Kafka__Client__fetch.wait.max.ms): under dash the services
        // never saw them, and the worker fetched with librdkafka's 500 ms wait.
        var start = new ProcessStartInfo("/bin/bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };

        // exec: the shell becomes dotnet, so the id is the service's own.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >\"$JCS_BENCH_LOG\" 2>&1");
        start.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet");
        if (runtimeConfig is not null)
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add("--runtimeconfig");
            start.ArgumentList.Add(runtimeConfig);
        }

        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The harness's own runtime knobs (if any were set to run it) must not leak into what it measures.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) && k != "DOTNET_HOST_PATH" && k != "DOTNET_ROOT").ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["JCS_BENCH_LOG"] = logPath;
        var process = ChildProcesses.Start(start);
        var child = new ChildProcess(name, process, logPath);
        Running[child.Id] = child;
        return child;
    }

    /// <summary>Waits for a line of the log starting with <paramref name="prefix"/> and returns it.</summary>
    public async Task<string> WaitForLogLineAsync(string prefix, TimeSpan timeout)
    {
        return await Eventually.FoundAsync(
            async token =>
            {
                if (File.Exists(LogPath))
                {
                    await using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    using var reader = new StreamReader(stream);
                    while (await reader.ReadLineAsync(token) is { } line)
                    {
                        if (line.StartsWith(prefix, StringComparison.Ordinal))
                        {
                            return line;
                        }
                    }
                }

                ThrowIfExited();
                return null;
            },
            () => $"a '{prefix}' line from {Name}.{Environment.NewLine}{Tail()}",
            timeout,
            interval: TimeSpan.FromMilliseconds(50));
    }

    /// <summary>Fails with the end of the log when the process is gone.</summary>
    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}.{Environment.NewLine}{Tail()}");
        }
    }

    /// <summary>The last lines of the log, for error messages.</summary>
    public string Tail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return $"--- last lines of {LogPath} ---{Environment.NewLine}{string.Join(Environment.NewLine, all.TakeLast(lines))}";
        }
        catch (IOException)
        {
            return $"(no log at {LogPath})";
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to end by itself; false if it has not.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Reads the final CPU time and peak RSS, then kills the process (by its id) and waits for it.</summary>
    public void Stop()
    {
        _ = CpuTime;
        _ = PeakRssBytes;
        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.Close();
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.WaitForExit(10_000);
        }

        if (Running.TryRemove(Id, out _))
        {
            Interlocked.Add(ref _stoppedCpuTicks, CpuTime.Ticks);
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }
}
