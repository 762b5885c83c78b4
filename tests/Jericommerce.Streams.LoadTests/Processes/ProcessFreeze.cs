using System.Runtime.InteropServices;

namespace Jericommerce.Streams.LoadTests.Processes;

/// <summary>
/// Freezes a child process (SIGSTOP) and thaws it (SIGCONT): a backlog is written while the service cannot take
/// any of it, so that writing it neither competes for the CPU with the measured consumption nor is part of it.
/// </summary>
internal static partial class ProcessFreeze
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    public static void Freeze(ChildProcess process) => Signal(process, SigStop);

    public static void Thaw(ChildProcess process) => Signal(process, SigCont);

    private static void Signal(ChildProcess process, int signal)
    {
        if (Kill(process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
