using System.CommandLine;
using Jericommerce.Streams.Cli.Demo;
using Jericommerce.Streams.Cli.Dev;
using Jericommerce.Streams.Cli.Dlq;
using Jericommerce.Streams.Cli.Send;
using Jericommerce.Streams.Cli.Tail;
using Jericommerce.Streams.Cli.Topics;

namespace Jericommerce.Streams.Cli;

/// <summary>The <c>jcs</c> command tree.</summary>
internal static class JcsCommand
{
    public static RootCommand Create() =>
        new("jcs: the Jericommerce Streams tool. Sends signed webhooks, reads topics and dead letters, creates topics, runs the dev stack.")
        {
            SendCommand.Create(),
            TailCommand.Create(),
            DlqCommand.Create(),
            TopicsCommand.Create(),
            DevCommand.Create(),
            DemoCommand.Create(),
            Schema.SchemaCommand.Create(),
            Verify.VerifyCommand.Create(),
            Quarantine.QuarantineCommand.Create(),
        };
}
