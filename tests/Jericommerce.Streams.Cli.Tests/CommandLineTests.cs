namespace Jericommerce.Streams.Cli.Tests;

/// <summary>A wrong command line is one line on stderr and exit code 2, whatever is wrong with it.</summary>
public sealed class CommandLineTests
{
    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { [], "Required command was not provided" },
        { ["send", "--bogus"], "Unrecognized command or argument '--bogus'" },
        { ["send", "--rate", "-1"], "--rate must be between 0 and 1000000" },
        { ["send", "--duplicates", "0.7", "--invalid", "0.7"], "--duplicates plus --invalid must not exceed 1" },
        { ["send", "--encoding", "rot13"], "rot13" },
        { ["send", "--ids", "sometimes"], "sometimes" },
        { ["send", "--file", "event.json"], "--file needs --type" },
        { ["send", "--url", "ftp://example.test/x"], "--url 'ftp://example.test/x' is not an http(s) URL" },
        { ["send", "--type", "Customer levitated"], "--type 'Customer levitated' names no event type in the catalog" },
        { ["send", "--timeout", "soon"], "--timeout 'soon' is not a duration" },
        { ["tail"], "Required argument missing for command: 'tail'" },
        { ["tail", "some-topic", "-X", "nonsense"], "-X 'nonsense' is not key=value" },
        { ["tail", "some-topic", "--max", "0"], "--max must be at least 1" },
        { ["dlq"], "Required command was not provided" },
        { ["dlq", "replay"], "select what to replay" },
        { ["dlq", "list", "--since", "last tuesday"], "--since 'last tuesday' is neither a date-time" },
        { ["dlq", "list", "--from-offset", "9", "--to-offset", "3"], "--from-offset is after --to-offset" },
        { ["topics", "create", "--partitions", "0"], "--partitions must be at least 1" },
        { ["topics", "create", "--replication-factor", "0"], "--replication-factor must be at least 1" },
        { ["topics", "create", "--retention", "10s"], "--retention must be at least 1m" },
        { ["topics", "create", "--config", "retention"], "--config 'retention' is not key=value" },
        { ["dev", "--broker", "nowhere"], "--broker 'nowhere' is not host:port" },
        { ["dev", "--ingress-url", "localhost"], "--ingress-url 'localhost' is not http://host:port" },
        { ["dev", "--log-level", "Chatty"], "Chatty" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task BadCommandLine_OneErrorLine_ExitCode2(string[] args, string expected)
    {
        var run = await JcsRun.InvokeAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Out.Text);
        var line = Assert.Single(run.Error.Lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadCommandLine_AsAProcess_OneErrorLineNamingTheHelp_ExitCode2()
    {
        var (code, output, error) = await JcsProcess.RunAsync(null, "dlq", "list", "--partition", "first");

        Assert.Equal(2, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'first'", line, StringComparison.Ordinal);
        Assert.EndsWith("(see: jcs dlq list --help)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEverySubcommand()
    {
        var run = await JcsRun.InvokeAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "send", "tail", "dlq", "topics", "dev, run", "demo" })
        {
            Assert.Contains($"  {command} ", run.Out.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TopicsCreate_DryRun_PlansRawEveryTypedTopicAndTheDeadLetterTopic()
    {
        var run = await JcsRun.InvokeAsync("topics", "create", "--dry-run", "--topic-prefix", "acme", "--raw-topic", "acme.raw", "--dlq-topic", "acme.dlq", "--retention", "7d", "--dlq-retention", "forever", "-r", "3");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Lines;
        Assert.Equal(2 + PipelineTopics.Catalog.EventTypes.Count, lines.Count);
        Assert.Matches(@"^would create acme\.raw\s+8 partitions, replication 3, min.insync.replicas 2, retention 7d$", lines[0]);
        foreach (var type in PipelineTopics.Catalog.EventTypes)
        {
            Assert.Contains(lines, l => l.StartsWith($"would create acme.{type.TopicSuffix} ", StringComparison.Ordinal) && l.EndsWith("8 partitions, replication 3, min.insync.replicas 2, retention 7d", StringComparison.Ordinal));
        }

        Assert.Matches(@"^would create acme\.dlq\s+1 partition, replication 3, min.insync.replicas 2, kept forever$", lines[^1]);
    }
}
