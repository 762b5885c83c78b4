using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;
using Json.Schema;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary><c>jcs schema infer</c>: a draft schema from the events captured on a topic, proven with JsonSchema.Net.</summary>
public sealed class SchemaInferTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static byte[] Reward(int i) => Encoding.UTF8.GetBytes(i % 3 == 0
        ? $$$"""{"id":"evt-{{{i}}}","customerId":"cus-{{{i % 4}}}","createdAt":"2025-03-14T09:26:{{{i % 60:00}}}Z","properties":{"rewardTitle":"Free coffee","points":{{{100 + i}}},"redeemedAt":"2025-03-14T09:26:53.589Z","voucherUrl":"https://wallet.example/v/{{{i}}}"}}"""
        : $$$"""{"id":"evt-{{{i}}}","customerId":"cus-{{{i % 4}}}","email":"c{{{i}}}@example.com","createdAt":"2025-03-14T09:27:{{{i % 60:00}}}+01:00","properties":{"rewardTitle":"Tote bag","points":{{{i}}},"redeemedAt":"2025-03-15T10:00:00Z","voucherUrl":"https://wallet.example/v/{{{i}}}","note":null}}""");

    private async Task<(string Topic, List<byte[]> Samples)> CapturedTopicAsync(int count)
    {
        // Named as the worker names the topic of a type outside the catalog: <prefix>.<slug>.v1.
        var topic = $"t.{Guid.NewGuid():N}.reward-redeemed.v1";
        await broker.Broker.CreateTopicAsync(topic, 2);
        var samples = Enumerable.Range(0, count).Select(Reward).ToList();
        using var producer = new RawProducer(broker.BootstrapServers, topic);
        foreach (var (sample, i) in samples.Select((s, i) => (s, i)))
        {
            await producer.SendAsync(sample, null, $"cus-{i % 4}", $"req-{i}");
        }

        return (topic, samples);
    }

    /// <summary>The draft as JsonSchema.Net 8 builds it, with the base schema it references, format asserted as the worker asserts it.</summary>
    private static Func<byte[], bool> Validator(string draftPath)
    {
        var options = new BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry(), Dialect = Dialect.Draft202012 };
        var basePath = Path.Combine(SchemaDirectory.Default, "base.v1.schema.json");
        JsonSchema.Build(JsonDocument.Parse(File.ReadAllText(basePath)).RootElement, options, new Uri("https://schemas.jericommerce-streams.dev/base.v1.schema.json"));
        var draft = JsonSchema.Build(JsonDocument.Parse(File.ReadAllText(draftPath)).RootElement, options, new Uri("https://schemas.jericommerce-streams.dev/reward-redeemed.v1.schema.json"));
        var evaluation = new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
        return body =>
        {
            using var document = JsonDocument.Parse(body);
            return draft.Evaluate(document.RootElement, evaluation).IsValid;
        };
    }

    private static byte[] Mutate(byte[] sample, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(sample)!.AsObject();
        change(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    [Fact]
    public async Task Infer_OnACapturedTopic_DraftAcceptsEverySample_AndRejectsAMutation()
    {
        var (topic, samples) = await CapturedTopicAsync(30);
        var folder = Directory.CreateTempSubdirectory("jcs-infer-").FullName;

        var run = await JcsRun.InvokeAsync(["schema", "infer", topic, "--output", folder, "--bootstrap", broker.BootstrapServers], Cancel);

        Assert.True(run.ExitCode == 0, run.ToString());
        var path = Path.Combine(folder, "reward-redeemed.v1.schema.json");
        Assert.Equal($"reward-redeemed.v1.schema.json: drafted from 30 events of {topic}", run.Out.Lines[0]);
        Assert.Equal($"wrote {path}", run.Out.Lines[1]);
        var accepts = Validator(path);
        Assert.All(samples, sample => Assert.True(accepts(sample), Encoding.UTF8.GetString(sample)));
        Assert.False(accepts(Mutate(samples[1], e => e["properties"]!["points"] = "101")), "points as a string");
        Assert.False(accepts(Mutate(samples[1], e => e["properties"]!.AsObject().Remove("rewardTitle"))), "without rewardTitle");
        Assert.False(accepts(Mutate(samples[1], e => e["properties"]!["redeemedAt"] = "yesterday")), "redeemedAt not a date-time");
        Assert.False(accepts(Mutate(samples[1], e => e["createdAt"] = 5)), "the base still applies");

        // The catalog entry to add, and the check the draft passes next.
        var entryStart = run.Out.Lines.ToList().FindIndex(l => l.StartsWith("catalog entry to add", StringComparison.Ordinal));
        var entry = JsonNode.Parse(string.Join('\n', run.Out.Lines.Skip(entryStart + 1).TakeWhile(l => !l.StartsWith("next:", StringComparison.Ordinal))))!;
        Assert.Equal("reward-redeemed", (string?)entry["slug"]);
        Assert.Equal(["Reward redeemed"], entry["headerNames"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("reward-redeemed.v1", (string?)entry["topicSuffix"]);
        var check = await JcsRun.InvokeAsync(["schema", "check", path, topic, "--bootstrap", broker.BootstrapServers], Cancel);
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task Infer_ReportsRareFields_AndNeverOverwritesAFile()
    {
        var (topic, _) = await CapturedTopicAsync(25);
        using (var producer = new RawProducer(broker.BootstrapServers, topic))
        {
            await producer.SendAsync(Encoding.UTF8.GetBytes("""{"id":"evt-rare","customerId":"cus-1","createdAt":"2025-03-14T09:26:53Z","properties":{"rewardTitle":"Mug","points":1,"giftWrap":true}}"""), null, "cus-1", "req-rare");
            await producer.SendAsync("not json"u8.ToArray(), null, "cus-1", "req-broken");
        }

        var folder = Directory.CreateTempSubdirectory("jcs-infer-").FullName;
        var path = Path.Combine(folder, "reward-redeemed.v1.schema.json");
        await File.WriteAllTextAsync(path, "{}", Cancel);

        var refused = await JcsRun.InvokeAsync(["schema", "infer", topic, "-o", folder, "--bootstrap", broker.BootstrapServers], Cancel);
        File.Delete(path);
        var run = await JcsRun.InvokeAsync(["schema", "infer", topic, "-o", folder, "--bootstrap", broker.BootstrapServers], Cancel);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: {path} exists: jcs schema infer never overwrites a file; move it away or pass --output <folder>", Assert.Single(refused.Error.Lines));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"reward-redeemed.v1.schema.json: drafted from 26 events of {topic} (skipped, not JSON objects: 1)", run.Out.Lines[0]);
        Assert.Contains("rare fields (in fewer than 5 % of the objects that could hold them): 1", run.Out.Lines);
        Assert.Contains("  properties.giftWrap: 1 of 26", run.Out.Lines);
    }

    [Fact]
    public async Task Infer_FromTheDeadLetterTopicByType_UsesOnlyThatTypesEvents_AndTheNamesTheyWereSentWith()
    {
        var dlq = await broker.CreateTopicAsync("infer-dlq", 1);
        using (var producer = new RawProducer(broker.BootstrapServers, dlq))
        {
            await producer.SendAsync(Reward(1), "Reward redeemed", "cus-1", "req-1");
            await producer.SendAsync(Reward(2), "reward_redeemed", "cus-1", "req-2");
            await producer.SendAsync(RawProducer.Example("customer-created.valid.json"), "Customer created", "cus-1", "req-3");
        }

        var folder = Directory.CreateTempSubdirectory("jcs-infer-").FullName;

        var run = await JcsRun.InvokeAsync(["schema", "infer", dlq, "--type", "Reward redeemed", "-o", folder, "--bootstrap", broker.BootstrapServers], Cancel);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"reward-redeemed.v1.schema.json: drafted from 2 events of {dlq}", run.Out.Lines[0]);
        Assert.Contains("    \"Reward redeemed\",", run.Out.Lines);
        Assert.Contains("    \"reward_redeemed\"", run.Out.Lines);
        var draft = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "reward-redeemed.v1.schema.json"), Cancel))!;
        Assert.Equal("Reward redeemed", (string?)draft["title"]);
        Assert.Null(draft["properties"]!["properties"]!["properties"]!["email"]);
    }

    [Fact]
    public async Task Infer_OnATopicThatNamesNoType_WithoutType_IsAUsageError_AndAnEmptyOneFails()
    {
        var dlq = await broker.CreateTopicAsync("infer-empty", 1);
        var folder = Directory.CreateTempSubdirectory("jcs-infer-").FullName;

        var untyped = await JcsRun.InvokeAsync(["schema", "infer", dlq, "-o", folder, "--bootstrap", broker.BootstrapServers], Cancel);
        var empty = await JcsRun.InvokeAsync(["schema", "infer", dlq, "--type", "Tier changed", "-o", folder, "--bootstrap", broker.BootstrapServers], Cancel);

        Assert.Equal(2, untyped.ExitCode);
        Assert.Contains("pass --type <event type>", untyped.Error.Text, StringComparison.Ordinal);
        Assert.Equal(1, empty.ExitCode);
        Assert.Equal($"error: {dlq} holds no events of type 'Tier changed': nothing to infer a schema from", Assert.Single(empty.Error.Lines));
        Assert.Empty(Directory.GetFiles(folder));
    }
}
