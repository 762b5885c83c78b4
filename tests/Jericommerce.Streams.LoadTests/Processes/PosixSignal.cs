using System.Runtime.InteropServices;

namespace Jericommerce.Streams.LoadTests.Processes;

/// <summary>
/// SIGTERM and SIGKILL by process id: <c>jcs dev</c> stops its services on SIGTERM (as on Ctrl-C), which .NET's
/// <see cref="System.Diagnostics.Process.Kill()"/> (SIGKILL) would skip, leaving them running.
/// </summary>
internal static partial class PosixSignal
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>False when the process is already gone.</summary>
    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    public static bool KillNow(int pid) => Kill(pid, SigKill) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
