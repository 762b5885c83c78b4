using System.CommandLine;

namespace Jericommerce.Streams.Cli.Tests.Support;

/// <summary>A jcs command running in this process, exactly as its Program runs it but with the output captured.</summary>
internal sealed class JcsRun
{
    private JcsRun(Task<int> exit, CapturedText output, CapturedText error)
    {
        Exit = exit;
        Out = output;
        Error = error;
    }

    /// <summary>Completes with the exit code.</summary>
    public Task<int> Exit { get; }

    /// <summary>The exit code, once <see cref="Exit"/> has completed.</summary>
    public int ExitCode => Exit.Result;

    public CapturedText Out { get; }

    public CapturedText Error { get; }

    /// <summary>Starts the command; what it prints can be read while it runs.</summary>
    public static JcsRun Start(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var output = new CapturedText();
        var error = new CapturedText();
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // The test process's own signals are not the command's business.
            ProcessTerminationTimeout = null,
        };
        return new JcsRun(Task.Run(() => JcsApp.RunAsync(args, configuration, cancellationToken), CancellationToken.None), output, error);
    }

    public static async Task<JcsRun> InvokeAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var run = Start(args, cancellationToken);
        await run.Exit;
        return run;
    }

    public static Task<JcsRun> InvokeAsync(params string[] args) => InvokeAsync(args, TestContext.Current.CancellationToken);

    public override string ToString() =>
        $"exit {(Exit.IsCompletedSuccessfully ? ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(running)")}\n--- stdout\n{Out.Text}\n--- stderr\n{Error.Text}";
}
