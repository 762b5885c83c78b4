using Confluent.Kafka;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary><c>jcs topics create</c>: a clear refusal on the dev broker, idempotent creation on a real Kafka.</summary>
public sealed class TopicsTests(BrokerFixture broker)
{
    [Fact]
    public async Task Create_OnTheDevBroker_SaysInOneLineThatItCannot()
    {
        Assert.SkipWhen(broker.Capabilities.CreateTopicsApi, $"{broker.Capabilities.Name} supports CreateTopics: the positive test covers it.");

        var run = await JcsRun.InvokeAsync("topics", "create", "--bootstrap", broker.BootstrapServers);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains($"the broker at {broker.BootstrapServers} does not support CreateTopics", line, StringComparison.Ordinal);
        Assert.Contains("the dev broker creates its topics itself", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_OnARealKafka_CreatesEveryTopic_AndASecondRunLeavesThemBe()
    {
        Assert.SkipUnless(broker.Capabilities.CreateTopicsApi, $"{broker.Capabilities.Name} has no CreateTopics API (it creates topics itself); this needs a real Kafka (JCS_TEST_KAFKA=testcontainers).");
        var id = Guid.NewGuid().ToString("N")[..12];
        string[] args = ["topics", "create", "--bootstrap", broker.BootstrapServers, "--raw-topic", $"t.{id}.raw", "--topic-prefix", $"t.{id}", "--dlq-topic", $"t.{id}.dlq", "--partitions", "3", "--replication-factor", "1", "--retention", "1d"];
        var expected = PipelineTopics.Catalog.EventTypes.Count + 2;

        var first = await JcsRun.InvokeAsync(args);
        var second = await JcsRun.InvokeAsync(args);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal($"{expected} topics ready on {broker.BootstrapServers}: {expected} created, 0 already there", first.Out.Lines[^1]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal($"{expected} topics ready on {broker.BootstrapServers}: 0 created, {expected} already there", second.Out.Lines[^1]);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        Assert.Equal(3, metadata.Topics.Single(t => t.Topic == $"t.{id}.raw").Partitions.Count);
        Assert.Single(metadata.Topics.Single(t => t.Topic == $"t.{id}.dlq").Partitions);
        Assert.All(PipelineTopics.Catalog.EventTypes, t => Assert.Equal(3, metadata.Topics.Single(m => m.Topic == $"t.{id}.{t.TopicSuffix}").Partitions.Count));
    }

    [Fact]
    public async Task Create_NothingListening_SaysSoInOneLine()
    {
        var run = await JcsRun.InvokeAsync("topics", "create", "--bootstrap", $"127.0.0.1:{FreePort.Next()}", "--timeout", "3s");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains("no answer from Kafka at 127.0.0.1:", line, StringComparison.Ordinal);
    }
}
