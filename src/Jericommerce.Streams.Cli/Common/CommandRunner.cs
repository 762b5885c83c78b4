using System.CommandLine;
using Confluent.Kafka;

namespace Jericommerce.Streams.Cli.Common;

/// <summary>Runs a command's body and turns the failures people can act on into one line and an exit code.</summary>
internal static class CommandRunner
{
    /// <summary>The clock every command reads: jcs is the composition root, so the real one is chosen here.</summary>
    private static readonly TimeProvider Time = TimeProvider.System;

    public static void SetAction(this Command command, Func<Terminal, ParseResult, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        command.SetAction((terminal, result, _, cancellationToken) => body(terminal, result, cancellationToken));
    }

    /// <summary>For a command that reads the clock, waits or measures time: it gets the <see cref="TimeProvider"/> to do it with.</summary>
    public static void SetAction(this Command command, Func<Terminal, ParseResult, TimeProvider, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken, body));
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken, Func<Terminal, ParseResult, TimeProvider, CancellationToken, Task<int>> body)
    {
        var terminal = new Terminal(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
        try
        {
            return await body(terminal, result, Time, cancellationToken);
        }
        catch (CliException ex)
        {
            await terminal.ErrorAsync(ex.Message);
            return ex.ExitCode;
        }
        catch (KafkaException ex)
        {
            await terminal.ErrorAsync($"Kafka: {ex.Error.Code}: {ex.Error.Reason}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await terminal.ErrorAsync("interrupted");
            return ExitCodes.Interrupted;
        }
    }
}
