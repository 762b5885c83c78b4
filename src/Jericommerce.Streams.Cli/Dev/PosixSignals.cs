using System.Runtime.InteropServices;

namespace Jericommerce.Streams.Cli.Dev;

/// <summary>
/// Asks a child process to stop the way a terminal or an orchestrator would (SIGTERM), which .NET's
/// <see cref="System.Diagnostics.Process"/> cannot: its Kill is SIGKILL, which skips the services' graceful
/// shutdown (the ingress flushing its producer, the worker committing its offsets).
/// </summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM; false when the process is gone or this is not a POSIX system.</summary>
    public static bool Terminate(int processId) =>
        !OperatingSystem.IsWindows() && Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
