using Jericommerce.Streams.Worker.Testing;

namespace Jericommerce.Streams.Cli.Tests.Support;

/// <summary>The jcs options that name a test's topics.</summary>
internal static class TopicArgs
{
    /// <summary>The jcs options naming these topics on this broker.</summary>
    public static string[] Args(this PipelineTopics topics, string bootstrapServers, bool raw = true, bool typed = true, bool deadLetter = true) =>
    [
        "--bootstrap", bootstrapServers,
        .. raw ? new[] { "--raw-topic", topics.Raw } : [],
        .. typed ? new[] { "--topic-prefix", topics.Prefix } : [],
        .. deadLetter ? new[] { "--dlq-topic", topics.DeadLetter } : [],
    ];
}
