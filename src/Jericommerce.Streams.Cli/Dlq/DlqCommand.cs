using System.CommandLine;

namespace Jericommerce.Streams.Cli.Dlq;

/// <summary><c>jcs dlq</c>: the dead-letter topic's records.</summary>
internal static class DlqCommand
{
    public static Command Create() =>
        new("dlq", "Lists and replays dead-lettered events.")
        {
            DlqListCommand.Create(),
            DlqReplayCommand.Create(),
        };
}
