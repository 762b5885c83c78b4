using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary><c>jcs demo</c> (<c>make demo</c>) against a running ingress and worker.</summary>
public sealed class DemoTests(BrokerFixture broker)
{
    [Fact]
    public async Task Demo_ReportsWhereEveryEventEndedUp_AllAsExpected()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        await using var ingress = await InProcessIngress.StartAsync(broker.BootstrapServers, topics.Raw);
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));

        var run = await JcsRun.InvokeAsync(
            ["demo", "--url", ingress.WebhookUrl.ToString(), "--secret", InProcessIngress.Secret, "--group", topics.GroupId, .. topics.Args(broker.BootstrapServers, raw: false)],
            TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Lines;
        foreach (var type in PipelineTopics.Catalog.EventTypes)
        {
            Assert.Contains(lines, l => l.Contains($" 202   {topics.TypedTopic(type.Slug)} [", StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.Contains($" 202   {topics.Prefix}.reward-redeemed.v1 [", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" 401   nowhere: refused by the ingress (signature-mismatch), not stored", StringComparison.Ordinal));
        foreach (var kind in new[] { DeadLetterKinds.UnknownEventType, DeadLetterKinds.SchemaViolation, DeadLetterKinds.InvalidJson })
        {
            Assert.Contains(lines, l => l.Contains($" 202   {topics.DeadLetter} [0]@", StringComparison.Ordinal) && l.Contains($"  {kind}: ", StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.Contains(" 202   nowhere: dropped as a duplicate of #1 ", StringComparison.Ordinal));
        Assert.Equal("every event ended up where it should.", lines[^1]);
        Assert.DoesNotContain("UNEXPECTED", run.Out.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_WithoutAnIngress_SaysWhatToStartInOneLine()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);

        var run = await JcsRun.InvokeAsync(
            ["demo", "--url", FreePort.ClosedUrl(), .. topics.Args(broker.BootstrapServers, raw: false)],
            TestContext.Current.CancellationToken);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Lines);
        Assert.Contains("no answer from the ingress at http://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains("make run", line, StringComparison.Ordinal);
    }
}
