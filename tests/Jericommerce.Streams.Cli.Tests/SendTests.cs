using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary><c>jcs send</c> against the real ingress (in this process, on a TCP port) writing to the broker under test.</summary>
public sealed class SendTests(BrokerFixture broker)
{
    private static readonly int ExampleCount = Directory.GetFiles(Path.Combine(Schemas.SchemaDirectory.Default, "examples"), "*.valid*.json").Length;

    [Fact]
    public async Task Examples_EveryOneAccepted_ReportsStatusCountsAndLatency()
    {
        var raw = await broker.CreateTopicAsync("send-examples", 4);
        await using var ingress = await InProcessIngress.StartAsync(broker.BootstrapServers, raw);

        var run = await JcsRun.InvokeAsync("send", "--url", ingress.WebhookUrl.ToString(), "--secret", InProcessIngress.Secret, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var report = JsonDocument.Parse(run.Out.Text);
        var root = report.RootElement;
        Assert.Equal(ExampleCount, root.GetProperty("sent").GetInt32());
        Assert.Equal(ExampleCount, root.GetProperty("statuses").GetProperty("202").GetInt32());
        var latency = root.GetProperty("latencyMs");
        var (p50, p90, p99, max) = (latency.GetProperty("p50").GetDouble(), latency.GetProperty("p90").GetDouble(), latency.GetProperty("p99").GetDouble(), latency.GetProperty("max").GetDouble());
        Assert.True(p50 > 0 && p50 <= p90 && p90 <= p99 && p99 <= max, latency.ToString());

        var records = await TopicReader.ReadAsync(broker.BootstrapServers, raw, ExampleCount, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(ExampleCount, records.Count);
        var headerNames = PipelineTopics.Catalog.EventTypes.SelectMany(t => t.HeaderNames).ToHashSet();
        Assert.All(records, r => Assert.Contains(r.Message.Headers.GetText(RecordHeaders.EventTypeReceived)!, headerNames));
        var ids = records.Select(r => EventEnvelope.Read(r.Message.Value).Id).ToList();
        Assert.All(ids, id => Assert.StartsWith("evt_jcs_", id, StringComparison.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Examples_AsText_ListsEachRequestThenTheSummary()
    {
        var raw = await broker.CreateTopicAsync("send-text", 2);
        await using var ingress = await InProcessIngress.StartAsync(broker.BootstrapServers, raw);

        var run = await JcsRun.InvokeAsync("send", "--url", ingress.WebhookUrl.ToString(), "-s", InProcessIngress.Secret, "--type", "customer_created");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Lines;
        Assert.Matches($@"^202  customer_created  id=evt_jcs_[0-9a-f]{{32}}  [0-9.]+ ms  -> {raw.Replace(".", @"\.", StringComparison.Ordinal)} \[\d\]@\d+$", lines[0]);
        Assert.StartsWith("sent 1 request to ", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l == "  status:  202 x 1");
        Assert.Contains(lines, l => l.StartsWith("  latency: p50 ", StringComparison.Ordinal) && l.Contains("p99", StringComparison.Ordinal) && l.Contains("max", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_WithDuplicatesAndInvalidEvents_SendsTheAskedMix()
    {
        var raw = await broker.CreateTopicAsync("send-load", 4);
        await using var ingress = await InProcessIngress.StartAsync(broker.BootstrapServers, raw);

        var run = await JcsRun.InvokeAsync(
            "send", "--url", ingress.WebhookUrl.ToString(), "--secret", InProcessIngress.Secret, "--json",
            "--count", "60", "--concurrency", "6", "--duplicates", "0.2", "--invalid", "0.2", "--customers", "10", "--seed", "42");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var report = JsonDocument.Parse(run.Out.Text);
        var events = report.RootElement.GetProperty("events");
        var (fresh, invalid, duplicate) = (events.GetProperty("new").GetInt32(), events.GetProperty("invalid").GetInt32(), events.GetProperty("duplicate").GetInt32());
        Assert.Equal(60, fresh + invalid + duplicate);
        Assert.True(invalid > 0 && duplicate > 0, events.ToString());
        Assert.Equal(60, report.RootElement.GetProperty("statuses").GetProperty("202").GetInt32());

        var records = await TopicReader.ReadAsync(broker.BootstrapServers, raw, 60, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(60, records.Count);
        Assert.Equal(fresh + invalid, records.Select(r => EventEnvelope.Read(r.Message.Value).Id).Distinct().Count());
        Assert.Equal(invalid, records.Count(r => Encoding.UTF8.GetString(r.Message.Value!).Contains("\"createdAt\":\"not-a-date\"", StringComparison.Ordinal)));
        Assert.InRange(records.Select(r => Encoding.UTF8.GetString(r.Message.Key!)).Distinct().Count(), 2, 10);
    }

    [Fact]
    public async Task HexEncoding_IsAccepted_AndRecordedAsHex()
    {
        var raw = await broker.CreateTopicAsync("send-hex", 1);
        await using var ingress = await InProcessIngress.StartAsync(broker.BootstrapServers, raw);

        var run = await JcsRun.InvokeAsync("send", "--url", ingress.WebhookUrl.ToString(), "--secret", InProcessIngress.Secret, "--encoding", "hex", "--type", "Customer created", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var record = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, raw, 1, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("hex", record.Message.Headers.GetText(RecordHeaders.SignatureEncoding));
    }

    [Fact]
    public async Task WrongSecret_EveryRequestRefused_ExitCode1WithOneErrorLine()
    {
        var raw = await broker.CreateTopicAsync("send-wrong-secret", 1);
        await using var ingress = await InProcessIngress.StartAsync(broker.BootstrapServers, raw);

        var run = await JcsRun.InvokeAsync("send", "--url", ingress.WebhookUrl.ToString(), "--secret", "not-the-secret", "--count", "3", "--quiet");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("  status:  401 x 3", run.Out.Text, StringComparison.Ordinal);
        Assert.Equal("error: 3 of 3 requests were not accepted (401 x 3)", Assert.Single(run.Error.Lines));
    }

    [Fact]
    public async Task NothingListening_ExitCode1_SaysWhatToStart()
    {
        var run = await JcsRun.InvokeAsync("send", "--url", FreePort.ClosedUrl(), "--count", "2", "--quiet");

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.Error.Lines);
        Assert.Contains("nothing answered at http://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains("(connection-refused x 2)", line, StringComparison.Ordinal);
        Assert.Contains("make run", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_IsSentByteForByte()
    {
        var raw = await broker.CreateTopicAsync("send-file", 1);
        await using var ingress = await InProcessIngress.StartAsync(broker.BootstrapServers, raw);
        var path = Path.Combine(Path.GetTempPath(), $"jcs-{Guid.NewGuid():N}.json");
        var body = "{ \"id\" : \"evt-file\",\n  \"customerId\":\"cus-file\", \"createdAt\":\"2025-06-01T12:00:00Z\", \"properties\":{} }\n"u8.ToArray();
        await File.WriteAllBytesAsync(path, body, TestContext.Current.CancellationToken);
        try
        {
            var run = await JcsRun.InvokeAsync("send", "--url", ingress.WebhookUrl.ToString(), "--secret", InProcessIngress.Secret, "--file", path, "--type", "Wallet pass installed");

            Assert.True(run.ExitCode == 0, run.ToString());
            var record = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, raw, 1, cancellationToken: TestContext.Current.CancellationToken));
            Assert.Equal(body, record.Message.Value);
            Assert.Equal("Wallet pass installed", record.Message.Headers.GetText(RecordHeaders.EventTypeReceived));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Stdin_AsAProcess_IsSentByteForByte()
    {
        var raw = await broker.CreateTopicAsync("send-stdin", 1);
        await using var ingress = await InProcessIngress.StartAsync(broker.BootstrapServers, raw);
        const string body = """{"id":"evt-stdin","customerId":"cus-stdin","createdAt":"2025-06-01T12:00:00Z","properties":{"email":"a@example.test"}}""";

        var (code, output, error) = await JcsProcess.RunAsync(body, "send", "--file", "-", "--type", "Customer created", "--url", ingress.WebhookUrl.ToString(), "--secret", InProcessIngress.Secret);

        Assert.True(code == 0, output + error);
        var record = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, raw, 1, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(body, Encoding.UTF8.GetString(record.Message.Value!));
        Assert.Equal("cus-stdin", Encoding.UTF8.GetString(record.Message.Key!));
    }

    [Fact]
    public async Task Rate_PacesTheRequests()
    {
        var raw = await broker.CreateTopicAsync("send-rate", 1);
        await using var ingress = await InProcessIngress.StartAsync(broker.BootstrapServers, raw);

        // Request i is due i / rate seconds after the start: the 10th at 9 / 40 = 0.225 s. Only the lower bound is
        // certain on a busy machine.
        var run = await JcsRun.InvokeAsync("send", "--url", ingress.WebhookUrl.ToString(), "--secret", InProcessIngress.Secret, "--count", "10", "--rate", "40", "--concurrency", "4", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var report = JsonDocument.Parse(run.Out.Text);
        Assert.True(report.RootElement.GetProperty("durationSeconds").GetDouble() >= 0.2, run.Out.Text);
    }
}
