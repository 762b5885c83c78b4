using System.Diagnostics;

namespace Jericommerce.Streams.LoadTests.Load;

/// <summary>
/// The generator shares two cores with the broker and the services, so it must not burn CPU it does not need.
/// .NET thread-pool workers spin (sched_yield) before they sleep: measured here, that doubled the generator's CPU at
/// 1,000 requests/s (0.84 → 0.32 cores with spinning off). The spin limit is read once at start-up, from the
/// environment, so the harness runs itself again with it off. Children never inherit it (<see cref="Processes.ChildProcess"/>
/// drops the harness's <c>DOTNET_*</c> variables): services and ceilings keep the runtime's defaults.
/// </summary>
internal static class LeanGenerator
{
    /// <summary>Read as hexadecimal by the runtime; 0 turns spinning off.</summary>
    public const string SpinLimitVariable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>The exit code of this harness run again with spinning off, or null when this is that run.</summary>
    public static int? RunAgainWithoutSpinning(string[] args)
    {
        if (Environment.GetEnvironmentVariable(SpinLimitVariable) is not null)
        {
            return null;
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(LeanGenerator).Assembly.Location);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[SpinLimitVariable] = "0";
        using var process = ChildProcesses.Start(start);
        Console.CancelKeyPress += (_, e) => e.Cancel = true; // the child gets the same Ctrl-C and stops its own children
        process.WaitForExit();
        return process.ExitCode;
    }
}
