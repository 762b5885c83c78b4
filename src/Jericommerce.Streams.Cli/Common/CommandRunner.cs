using System.CommandLine;
using Confluent.Kafka;

namespace Jericommerce.Streams.Cli.Common;

/// <summary>Runs a command's body and turns the failures people can act on into one line and an exit code.</summary>
internal static class CommandRunner
{
    public static void SetAction(this Command command, Func<Terminal, ParseResult, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken, body));
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken, Func<Terminal, ParseResult, CancellationToken, Task<int>> body)
    {
        var terminal = new Terminal(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
        try
        {
            return await body(terminal, result, cancellationToken);
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
