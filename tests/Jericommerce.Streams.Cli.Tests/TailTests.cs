using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary><c>jcs tail</c>: what it prints, from where, and until when.</summary>
public sealed class TailTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FromBeginning_PrintsPartitionOffsetKeyHeadersAndValue_ThenStops()
    {
        var topic = await broker.CreateTopicAsync("tail-text", 2);
        await ProduceAsync(topic, ("key-1", """{"n":1}""", 0), ("key-2", """{"n":2}""", 1), (null, "not json at all", 1));

        var run = await JcsRun.InvokeAsync("tail", topic, "--from-beginning", "--bootstrap", broker.BootstrapServers);

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = run.Out.Text;
        Assert.Matches($@"(?m)^{Escape(topic)} \[0\]@0  \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}Z  key: key-1$", text);
        Assert.Contains($"{topic} [1]@0", text, StringComparison.Ordinal);
        Assert.Contains($"{topic} [1]@1", text, StringComparison.Ordinal);
        Assert.Contains("  key: null", text, StringComparison.Ordinal);
        Assert.Contains("\n  jc-test: header of {\"n\":1}\n", text, StringComparison.Ordinal);
        Assert.Contains("\n  {\"n\":2}\n", text, StringComparison.Ordinal);
        Assert.Contains("\n  not json at all\n", text, StringComparison.Ordinal);
        Assert.Equal("3 records", Assert.Single(run.Error.Lines));
    }

    [Fact]
    public async Task Json_OneObjectPerRecord()
    {
        var topic = await broker.CreateTopicAsync("tail-json", 1);
        await ProduceAsync(topic, ("k", """{"id":"evt-1"}""", 0));

        var run = await JcsRun.InvokeAsync("tail", topic, "--from-beginning", "--json", "-b", broker.BootstrapServers);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var record = JsonDocument.Parse(Assert.Single(run.Out.Lines));
        var root = record.RootElement;
        Assert.Equal(topic, root.GetProperty("topic").GetString());
        Assert.Equal(0, root.GetProperty("partition").GetInt32());
        Assert.Equal(0, root.GetProperty("offset").GetInt64());
        Assert.Equal("k", root.GetProperty("key").GetString());
        Assert.Equal("""{"id":"evt-1"}""", root.GetProperty("value").GetString());
        var header = root.GetProperty("headers")[0];
        Assert.Equal("jc-test", header[0].GetString());
        Assert.Equal("""header of {"id":"evt-1"}""", header[1].GetString());
    }

    [Fact]
    public async Task Max_StopsAfterThatMany()
    {
        var topic = await broker.CreateTopicAsync("tail-max", 1);
        await ProduceAsync(topic, [.. Enumerable.Range(1, 5).Select(i => ((string?)$"k{i}", $"v{i}", 0))]);

        var run = await JcsRun.InvokeAsync("tail", topic, "--from-beginning", "--max", "2", "--json", "-b", broker.BootstrapServers);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.Out.Lines.Count);
    }

    [Fact]
    public async Task FromTheEnd_FollowsNewRecordsOnly_UntilCancelled()
    {
        var topic = await broker.CreateTopicAsync("tail-follow", 2);
        await ProduceAsync(topic, ("old", "before the tail started", 0));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        var tail = JcsRun.Start(["tail", topic, "--json", "-b", broker.BootstrapServers], stop.Token);
        await Eventually.UntilAsync(() => tail.Exit.IsCompleted || tail.Error.Text.Contains("waiting for new records", StringComparison.Ordinal), () => $"jcs tail to wait for new records:\n{tail}", TimeSpan.FromSeconds(30), Cancel);
        await ProduceAsync(topic, ("new-1", "after", 0), ("new-2", "after too", 1));
        await Eventually.UntilAsync(() => tail.Exit.IsCompleted || tail.Out.Lines.Count >= 2, () => $"jcs tail to print the 2 new records:\n{tail}", TimeSpan.FromSeconds(30), Cancel);
        await stop.CancelAsync();
        await tail.Exit;

        Assert.Equal(0, tail.ExitCode);
        Assert.DoesNotContain("before the tail started", tail.Out.Text, StringComparison.Ordinal);
        Assert.Equal(2, tail.Out.Lines.Count);
    }

    [Fact]
    public async Task UnknownTopic_OneErrorLine_ExitCode1()
    {
        var run = await JcsRun.InvokeAsync("tail", "t.no-such-topic", "--from-beginning", "-b", broker.BootstrapServers);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: topic t.no-such-topic does not exist on {broker.BootstrapServers}", Assert.Single(run.Error.Lines));
    }

    private async Task ProduceAsync(string topic, params (string? Key, string Value, int Partition)[] records)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();
        foreach (var (key, value, partition) in records)
        {
            await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<byte[]?, byte[]?>
            {
                Key = key is null ? null : Encoding.UTF8.GetBytes(key),
                Value = Encoding.UTF8.GetBytes(value),
                Headers = new Headers { { "jc-test", Encoding.UTF8.GetBytes($"header of {value}") } },
            }, Cancel);
        }
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
