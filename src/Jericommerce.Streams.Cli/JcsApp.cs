using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Jericommerce.Streams.Cli;

/// <summary>Parses and runs a <c>jcs</c> command line; the one entry point for Program and the tests.</summary>
internal static class JcsApp
{
    /// <summary>
    /// How long a command may take to wind down after Ctrl-C or SIGTERM before System.CommandLine gives up
    /// on it: <c>jcs dev</c> stops two services (the worker may drain for up to 10 s) and the broker.
    /// </summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(60);

    /// <summary>Exit code for a command line that does not parse.</summary>
    public const int UsageError = 2;

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = ShutdownGrace });

    public static async Task<int> RunAsync(IReadOnlyList<string> args, InvocationConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var result = JcsCommand.Create().Parse(args);

        // System.CommandLine answers a bad command line with every error and the whole help text; a script
        // (and a person) wants one line saying what is wrong and where to look.
        if (result.Action is ParseErrorAction)
        {
            await configuration.Error.WriteLineAsync($"error: {OneLine(result.Errors[0].Message)} (see: {CommandPath(result.CommandResult)} --help)");
            return UsageError;
        }

        return await result.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Some parser messages list the accepted values one per line: keep them, on the one line.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>"jcs dlq replay": the words that select the command, whatever the executable is called.</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? current = command; current is CommandResult c; current = c.Parent)
        {
            names.Add(c.Parent is null ? "jcs" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
