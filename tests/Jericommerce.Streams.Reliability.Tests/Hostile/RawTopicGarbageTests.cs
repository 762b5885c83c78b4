using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Reliability.Tests.Accounting;

namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>
/// Garbage written straight to the raw topic (what a misbehaving producer with write access could do):
/// each record goes to the DLQ with a reason (or, when it is in fact a valid event, to its typed topic),
/// exactly once, unchanged; the worker process never stalls nor crashes, and a valid event sent after
/// all of it still lands.
/// </summary>
public sealed class RawTopicGarbageTests
{
    private static readonly string[] Kinds = ["missing-event-type", "unknown-event-type", "invalid-json", "schema-violation"];

    [Fact]
    public Task GarbageOnTheRawTopic_EachGoesToTheDlqWithAReasonExactlyOnce_AndTheWorkerKeepsRouting() =>
        Scenario.RunAsync(0, "Raw topic garbage", async scenario =>
        {
            var worker = await scenario.StartWorkerAsync();
            var garbage = new GarbageRecords(new Random(scenario.Seed));
            var records = garbage.Fixed().Concat(Enumerable.Range(0, scenario.Profile.GarbageRecords).Select(_ => garbage.Next())).ToList();
            var sentinelBody = garbage.Valid("customer-created", out var sentinelId);
            records.Add(new GarbageRecord("sentinel", new Message<byte[]?, byte[]?> { Key = "s"u8.ToArray(), Value = sentinelBody, Headers = [] }, "customer-created", null));
            records[^1].Message.Headers.Add(RecordHeaders.EventTypeReceived, "Customer created"u8.ToArray());

            var positions = new Dictionary<(int, long), GarbageRecord>();
            using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = scenario.Cluster.BootstrapServers, LingerMs = 5 }).Build())
            {
                foreach (var record in records)
                {
                    var stored = await producer.ProduceAsync(scenario.Topics.Raw, record.Message, scenario.Cancel);
                    positions[(stored.Partition.Value, stored.Offset.Value)] = record;
                }
            }

            var context = $"seed {scenario.Seed} ({Scenario.SeedVariable}), {records.Count} records";
            await WaitUntilRoutedAsync(scenario, worker, context);
            var outputTopics = await scenario.Topics.OutputsAsync(scenario.Cluster.BootstrapServers, scenario.Cancel);
            var outputs = await TopicReader.ReadAllAsync(scenario.Cluster.BootstrapServers, outputTopics, scenario.Cancel);
            var truncated = await Retention.TruncatedPartitionsAsync(scenario.Cluster.BootstrapServers, [scenario.Topics.Raw, .. outputTopics], scenario.Cancel);
            Assert.True(truncated.Count == 0, $"the dev broker's retention dropped records: {string.Join(", ", truncated)} ({context})");

            var bySource = outputs.GroupBy(o => (Number(o, RecordHeaders.SourcePartition), (long)Number(o, RecordHeaders.SourceOffset))).ToDictionary(g => g.Key, g => g.ToList());
            var problems = new List<string>();
            foreach (var (position, record) in positions)
            {
                var landed = bySource.GetValueOrDefault(position) ?? [];
                if (landed.Count != 1)
                {
                    problems.Add($"{record.Name}: {landed.Count} outputs");
                    continue;
                }

                var output = landed[0];
                var kind = output.Message.Headers.GetText(RecordHeaders.ErrorKind);
                var detail = output.Message.Headers.GetText(RecordHeaders.ErrorDetail);
                if (!(output.Message.Value ?? []).AsSpan().SequenceEqual(record.Message.Value ?? []))
                {
                    problems.Add($"{record.Name}: value changed");
                }

                if (output.Topic == scenario.Topics.DeadLetter)
                {
                    if (kind is null || !Kinds.Contains(kind) || string.IsNullOrEmpty(detail) || Encoding.UTF8.GetByteCount(detail) > 2048
                        || output.Message.Headers.GetText(RecordHeaders.FailedAt) is null)
                    {
                        problems.Add($"{record.Name}: dead letter without a proper reason ({kind}: {detail})");
                    }
                    else if (record.ExpectedSlug is not null || (record.ExpectedKind is not null && record.ExpectedKind != kind))
                    {
                        problems.Add($"{record.Name}: dead-lettered as {kind} ({detail}), expected {record.ExpectedSlug ?? record.ExpectedKind}");
                    }

                    if (!(output.Message.Key ?? []).AsSpan().SequenceEqual(record.Message.Key ?? []))
                    {
                        problems.Add($"{record.Name}: the dead letter lost its key");
                    }
                }
                else if (record.ExpectedKind is not null || (record.ExpectedSlug is not null && output.Topic != scenario.Topics.TypedTopic(record.ExpectedSlug)))
                {
                    problems.Add($"{record.Name}: routed to {output.Topic}, expected {record.ExpectedKind ?? record.ExpectedSlug}");
                }
            }

            Assert.True(problems.Count == 0, $"{context}:\n{string.Join('\n', problems.Take(30))}");
            Assert.Contains(outputs, o => o.Topic == scenario.Topics.TypedTopic("customer-created") && EventIds.Of(o.Message.Value) == sentinelId);
            Assert.False(worker.HasExited, $"the worker died:\n{scenario.Output.Tail(worker.Name)}");
            Assert.Equal("Healthy", await Scenario.ScrapeAsync(worker, "/livez"));
            ResultsTable.Note(
                "raw-garbage",
                $"{context}: {outputs.Count(o => o.Topic == scenario.Topics.DeadLetter)} dead-lettered ({string.Join(", ", outputs.Where(o => o.Topic == scenario.Topics.DeadLetter).GroupBy(o => o.Message.Headers.GetText(RecordHeaders.ErrorKind)).Select(g => $"{g.Key} {g.Count()}"))}), {outputs.Count(o => o.Topic != scenario.Topics.DeadLetter)} routed");
        }, deadLetterPartitions: 8);

    /// <summary>Waits until the worker has committed the whole raw topic; fails at once if it dies on a record.</summary>
    private static async Task WaitUntilRoutedAsync(Scenario scenario, ServiceProcess worker, string context)
    {
        long? lag = null;
        await Eventually.UntilAsync(
            async _ =>
            {
                Assert.False(worker.HasExited, $"the worker died on the garbage ({context}):\n{scenario.Output.Tail(worker.Name, 60)}");
                return (lag = await scenario.LagAsync()) is 0;
            },
            () => $"the worker to commit the whole raw topic; it stalled at lag {lag} ({context}):\n{scenario.Output.Tail(worker.Name, 60)}",
            TimeSpan.FromMinutes(2),
            scenario.Cancel,
            TimeSpan.FromMilliseconds(200));
    }

    private static int Number(ConsumeResult<byte[]?, byte[]?> record, string header) =>
        int.Parse(record.Message.Headers.GetText(header) ?? "-1", NumberStyles.Integer, CultureInfo.InvariantCulture);
}
