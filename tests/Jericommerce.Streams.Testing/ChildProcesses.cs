using System.Collections.Concurrent;
using System.Diagnostics;

namespace Jericommerce.Streams.Testing;

/// <summary>
/// Starts the processes a test harness owns (services, brokers, tools) so that they die with the harness
/// however it ends: a normal exit, a failed run, SIGTERM or SIGKILL. A process left behind holds ports and
/// consumer-group memberships and poisons the next run on the same machine, and no handler in the harness
/// runs on SIGKILL, so this is left to the kernel: each child is started through <c>setpriv --pdeathsig
/// KILL</c> (util-linux), which asks Linux to SIGKILL it when its parent goes away.
/// </summary>
/// <remarks>
/// Linux sends the parent-death signal when the <em>thread</em> that forked the child exits, not the
/// process. .NET forks on the calling thread, and thread-pool threads retire when idle, so a child started
/// from one would be killed a minute later for no reason. Every start therefore runs on one dedicated thread
/// that lives as long as the harness. Where <c>setpriv</c> is missing (not Linux), children are started
/// plainly and killed from <see cref="AppDomain.ProcessExit"/>: a graceful end only.
/// </remarks>
public static partial class ChildProcesses
{
    /// <summary>The launcher that sets the parent-death signal before it execs the real program.</summary>
    public const string Launcher = "/usr/bin/setpriv";

    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Requests = [];
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private static readonly Lazy<Thread> Spawner = new(StartSpawner);

    /// <summary>True where the kernel kills the children on the harness's death (Linux with <c>setpriv</c>).</summary>
    public static bool DieWithHarness { get; } = OperatingSystem.IsLinux() && File.Exists(Launcher);

    /// <summary>Starts <paramref name="start"/> as a child that dies with this process.</summary>
    public static Process Start(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start };
        Start(process);
        return process;
    }

    /// <summary>
    /// Starts <paramref name="process"/> (its start info and event handlers already set) as a child that dies
    /// with this process. Its id is the real program's: the launcher execs it in place.
    /// </summary>
    public static void Start(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var start = process.StartInfo;
        if (start.UseShellExecute)
        {
            throw new ArgumentException("A guarded child is started without the shell.", nameof(process));
        }

        if (DieWithHarness && start.FileName != Launcher)
        {
            var program = start.FileName;
            var arguments = start.ArgumentList.ToList();
            start.FileName = Launcher;
            start.ArgumentList.Clear();
            foreach (var argument in (string[])["--pdeathsig", "KILL", "--", program, .. arguments])
            {
                start.ArgumentList.Add(argument);
            }
        }

        _ = Spawner.Value;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((process, started));
        started.Task.GetAwaiter().GetResult();
        Running[process.Id] = process;
    }

    private static Thread StartSpawner()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        var thread = new Thread(Spawn) { IsBackground = true, Name = "child-process spawner" };
        thread.Start();
        return thread;
    }

    private static void Spawn()
    {
        foreach (var (process, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }

    private static void KillAll()
    {
        foreach (var process in Running.Values)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone, or disposed by its owner.
            }
        }
    }
}
