using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>Every raw record ends up in exactly one place: its typed topic or the dead-letter topic.</summary>
public sealed class RoutingTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static IEnumerable<string> Examples(string infix) =>
        Directory.EnumerateFiles(Path.Combine(SchemaDirectory.Default, "examples"), $"*.{infix}*.json").Select(Path.GetFileName).Order()!;

    /// <summary>The header an example is sent with: its type's documented name (base-rule examples use a type with empty properties).</summary>
    private static string HeaderFor(string example)
    {
        var slug = example[..example.IndexOf('.', StringComparison.Ordinal)];
        return PipelineTopics.Catalog.EventTypes.Single(t => t.Slug == (slug == "any" ? "wallet-pass-installed" : slug)).HeaderNames[0];
    }

    [Fact]
    public async Task ValidExamples_LandInTheirTypedTopic_WithIdenticalBytesKeyAndHeaders()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var examples = await SendExamplesAsync(topics, "valid");

        // Examples of a type share an id, so dedup lets exactly the first of each id through.
        var expected = examples.GroupBy(e => Landed.IdOf(Bytes(e))).Select(g => g.First()).ToList();
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, expected.Count, cancellationToken: Cancel);
        Assert.Empty(landed.DeadLetters);
        Assert.Equal(expected.Count, landed.Typed.Count);
        foreach (var example in expected)
        {
            var body = RawEvents.Example(example);
            var record = Assert.Single(landed.Typed, r => r.Message.Value!.AsSpan().SequenceEqual(body));
            var slug = example[..example.IndexOf('.', StringComparison.Ordinal)];
            Assert.Equal(topics.TypedTopic(slug), record.Topic);
            Assert.Equal(RawEvents.CustomerIdOf(body), Landed.Text(record.Message.Key));
            Assert.Equal(slug, Landed.Header(record, RecordHeaders.EventType));
            Assert.Equal(Landed.IdOf(record.Message.Value), Landed.Header(record, RecordHeaders.EventId));
            Assert.Equal($"{slug}.v1.schema.json", Landed.Header(record, RecordHeaders.Schema));
            Assert.Equal("1", Landed.Header(record, RecordHeaders.SchemaVersion));
            Assert.Equal(topics.Raw, Landed.Header(record, RecordHeaders.SourceTopic));
            Assert.Matches("^[0-9]+$", Landed.Header(record, RecordHeaders.SourceOffset));
            Assert.Matches("^[0-9]{13}$", Landed.Header(record, RecordHeaders.ReceivedAt));
        }
    }

    [Fact]
    public async Task InvalidExamples_LandInTheDeadLetterTopic_WithSchemaViolationAndAPointerToTheBrokenField()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var examples = await SendExamplesAsync(topics, "invalid");

        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, examples.Count, cancellationToken: Cancel);

        Assert.Empty(landed.Typed);
        Assert.Equal(examples.Count, landed.DeadLetters.Count);
        foreach (var example in examples)
        {
            var body = RawEvents.Example(example);
            var record = Assert.Single(landed.DeadLetters, r => r.Message.Value!.AsSpan().SequenceEqual(body));
            Assert.Equal(DeadLetterKinds.SchemaViolation, Landed.Header(record, RecordHeaders.ErrorKind));

            // The rule is named after the field it breaks, e.g. "missing-shopId" or "utm_source-not-wallet".
            var rule = example.Split('.')[2];
            var field = rule.StartsWith("missing-", StringComparison.Ordinal) ? rule["missing-".Length..] : rule[..rule.IndexOf('-', StringComparison.Ordinal)];
            Assert.Contains(field, Landed.Header(record, RecordHeaders.ErrorDetail), StringComparison.Ordinal);
            Assert.Equal(HeaderFor(example), Landed.Header(record, RecordHeaders.EventTypeReceived));
            Assert.Equal(topics.Raw, Landed.Header(record, RecordHeaders.SourceTopic));
            Assert.Matches("^[0-9]{13}$", Landed.Header(record, RecordHeaders.FailedAt));
        }
    }

    [Fact]
    public async Task UnusableTypeMissingTypeAndBrokenJson_LandInTheDeadLetterTopic_WithTheirKinds()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var valid = RawEvents.Example("customer-created.valid.json");
        var cases = new (byte[] Body, string? Type, string Kind)[]
        {
            // A type outside the catalog is routed on its envelope (EnvelopeRoutingTests) unless its name makes no topic name.
            (valid, "Customer/teleported", DeadLetterKinds.UnknownEventType),
            (valid, null, DeadLetterKinds.MissingEventType),
            ("{\"id\": \"truncated"u8.ToArray(), "Customer created", DeadLetterKinds.InvalidJson),
            ("[1, 2, 3]"u8.ToArray(), "Customer created", DeadLetterKinds.InvalidJson),
            ([0xff, 0xfe, 0x00, 0x41], "Customer created", DeadLetterKinds.InvalidJson),
            ([], "Customer created", DeadLetterKinds.InvalidJson),
        };
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            foreach (var (body, type, _) in cases)
            {
                await raw.SendAsync(body, type, key: "customer-x", cancellationToken: Cancel);
            }
        }

        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, cases.Length, cancellationToken: Cancel);

        Assert.Empty(landed.Typed);
        Assert.Equal(cases.Length, landed.DeadLetters.Count);
        var kinds = landed.DeadLetters.OrderBy(r => long.Parse(Landed.Header(r, RecordHeaders.SourceOffset), null)).Select(r => Landed.Header(r, RecordHeaders.ErrorKind));
        Assert.Equal(cases.Select(c => c.Kind), kinds);
        Assert.All(landed.DeadLetters, r => Assert.Equal("customer-x", Landed.Text(r.Message.Key)));
        Assert.Contains("Customer/teleported", Landed.Header(landed.DeadLetters.Single(r => Landed.Header(r, RecordHeaders.ErrorKind) == DeadLetterKinds.UnknownEventType), RecordHeaders.ErrorDetail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderNames_AreMatchedIgnoringCaseAndSeparators()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            var i = 0;
            foreach (var spelling in new[] { "Wallet Pass Requested", "wallet_pass_requested", "WALLET-PASS-REQUESTED", " wallet  pass - requested " })
            {
                await raw.SendAsync(Body(i++), spelling, cancellationToken: Cancel);
            }
        }

        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 4, cancellationToken: Cancel);

        Assert.Empty(landed.DeadLetters);
        Assert.Equal(4, landed.Typed.Count(r => r.Topic == topics.TypedTopic("wallet-pass-requested")));

        static byte[] Body(int i) => System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"id":"evt-req-{{{i}}}","customerId":"c1","createdAt":"2025-03-14T09:26:53Z","properties":{}}""");
    }

    private static byte[] Bytes(string example) => RawEvents.Example(example);

    /// <summary>Sends every example of a kind (valid, invalid) to the raw topic with its type's header; returns their names.</summary>
    private async Task<List<string>> SendExamplesAsync(PipelineTopics topics, string kind)
    {
        var examples = Examples(kind).ToList();
        Assert.NotEmpty(examples);
        using var raw = new RawEvents(broker.BootstrapServers, topics.Raw);
        foreach (var example in examples)
        {
            await raw.SendAsync(RawEvents.Example(example), HeaderFor(example), cancellationToken: Cancel);
        }

        return examples;
    }
}
