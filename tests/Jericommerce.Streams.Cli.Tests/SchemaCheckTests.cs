using System.Text;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary><c>jcs schema check</c>: the events captured on a topic against a schema file, before it is deployed.</summary>
public sealed class SchemaCheckTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static byte[] Reward(string id, string properties) =>
        Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","customerId":"cus-1","createdAt":"2025-03-14T09:26:53Z","properties":{{properties}}}""");

    private static string Schema(string folder, string properties)
    {
        var path = Path.Combine(folder, "reward-redeemed.v1.schema.json");
        File.WriteAllText(path, $$"""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://schemas.jericommerce-streams.dev/reward-redeemed.v1.schema.json",
              "$ref": "base.v1.schema.json",
              "properties": { "properties": {{properties}} }
            }
            """);
        return path;
    }

    private async Task<string> CapturedTopicAsync()
    {
        var topic = await broker.CreateTopicAsync("reward-redeemed", 2);
        using var producer = new RawProducer(broker.BootstrapServers, topic);
        await producer.SendAsync(Reward("evt-1", """{"rewardTitle":"Free coffee","points":100}"""), "Reward redeemed", "cus-1", "req-1");
        await producer.SendAsync(Reward("evt-2", """{"rewardTitle":"10% off","points":250}"""), "Reward redeemed", "cus-1", "req-2");
        await producer.SendAsync(Reward("evt-3", """{"rewardTitle":"Tote bag"}"""), "Reward redeemed", "cus-1", "req-3");
        return topic;
    }

    [Fact]
    public async Task Check_WhenEveryCapturedEventPasses_SaysHowManyAndExitsZero()
    {
        var topic = await CapturedTopicAsync();
        var folder = Directory.CreateTempSubdirectory("jcs-check-").FullName;
        var schema = Schema(folder, """{ "required": ["rewardTitle"], "properties": { "rewardTitle": { "type": "string" }, "points": { "type": "integer" } } }""");

        var run = await JcsRun.InvokeAsync(["schema", "check", schema, topic, "--bootstrap", broker.BootstrapServers], Cancel);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"reward-redeemed.v1.schema.json against 3 events of {topic}: 3 pass, 0 fail", Assert.Single(run.Out.Lines));
    }

    [Fact]
    public async Task Check_WhenSomeCapturedEventsFail_ReportsCountsAndTheFirstFailuresWithPointers_AndExitsOne()
    {
        var topic = await CapturedTopicAsync();
        var folder = Directory.CreateTempSubdirectory("jcs-check-").FullName;
        var schema = Schema(folder, """{ "required": ["rewardTitle", "points"], "properties": { "points": { "type": "string" } } }""");

        var run = await JcsRun.InvokeAsync(["schema", "check", schema, topic, "--bootstrap", broker.BootstrapServers], Cancel);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"reward-redeemed.v1.schema.json against 3 events of {topic}: 0 pass, 3 fail", run.Out.Lines[0]);
        Assert.Equal(3, run.Out.Lines.Count(l => l.StartsWith($"  {topic}[", StringComparison.Ordinal)));
        Assert.Contains(run.Out.Lines, l => l.Contains("/properties/points", StringComparison.Ordinal));
        Assert.Contains(run.Out.Lines, l => l.Contains("/properties: ", StringComparison.Ordinal) && l.Contains("points", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_WithAFileNotNamedLikeACatalogSchema_IsAUsageError()
    {
        var topic = await CapturedTopicAsync();
        var path = Path.Combine(Directory.CreateTempSubdirectory("jcs-check-").FullName, "draft.json");
        await File.WriteAllTextAsync(path, "{}", Cancel);

        var run = await JcsRun.InvokeAsync(["schema", "check", path, topic, "--bootstrap", broker.BootstrapServers], Cancel);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("<slug>.v<major>.schema.json", run.Error.Text, StringComparison.Ordinal);
    }
}
