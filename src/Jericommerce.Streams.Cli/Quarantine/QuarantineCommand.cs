using System.CommandLine;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Cli.Quarantine;

/// <summary><c>jcs quarantine</c>: the onboarding quarantine's records (docs/signatures.md).</summary>
internal static class QuarantineCommand
{
    public const string DefaultTopic = TopicDefaults.Quarantine;

    public static Command Create() =>
        new("quarantine", "Re-verifies requests the ingress kept in its onboarding quarantine.")
        {
            QuarantineReplayCommand.Create(),
        };
}
