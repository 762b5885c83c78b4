using System.CommandLine;
using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Cli.Send;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Cli.Demo;

/// <summary>
/// <c>jcs demo</c> (<c>make demo</c>): against a running stack, sends one event of every type and a few bad ones,
/// then finds each in Kafka and says where it ended up: HTTP status, then typed topic or dead letter with the
/// reason, or refused, or dropped as a duplicate.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var url = SendCommand.UrlOption();
        var secret = SendCommand.SecretOption();
        var encoding = SendCommand.EncodingOption();
        var group = new Option<string>("--group") { Description = "the worker's consumer group (Worker:GroupId), to tell a dropped duplicate from a slow worker", DefaultValueFactory = _ => "jericommerce-streams-worker" };
        var timeout = new Option<string>("--timeout") { Description = "how long to wait for the worker to route everything", DefaultValueFactory = _ => "30s" };
        var kafka = new KafkaConnectionOptions();
        var topics = new TopicNameOptions();
        var schemas = new SchemaOptions();
        var command = new Command("demo", "Sends one event of every type, one of a type outside the catalog, plus bad ones (bad signature, unusable type, schema violation, not JSON, duplicate) and shows where each ended up.")
        {
            url, secret, encoding, group, timeout,
        };
        topics.AddTo(command, raw: false);
        schemas.AddTo(command);
        kafka.AddTo(command);

        command.SetAction(async (terminal, result, time, cancellationToken) =>
        {
            var catalog = schemas.Load(result, topics.Prefix(result));
            var deadLetterTopic = topics.DeadLetter(result);
            var connection = kafka.Resolve(result);
            var wait = Durations.Parse(result.GetValue(timeout), "--timeout");
            var cases = DemoCases.Create(catalog, time.GetUtcNow(), result.GetValue(secret) ?? WebhookSigner.DefaultSecret(), SendCommand.ParseEncoding(result.GetValue(encoding)));
            var outputs = catalog.EventTypes.Select(t => t.Topic).Append(deadLetterTopic).ToList();

            // A type outside the catalog gets its topic when the worker first routes it: read it once it exists.
            var later = cases.Select(c => c.Expected).OfType<DemoExpectation.Typed>().Select(t => t.Topic).Except(outputs).ToList();
            using var scanner = new TopicScanner(connection);
            later.RemoveAll(topic => scanner.Exists(topic) && Add(outputs, topic));

            // Only what this run writes is read back: everything already in the topics is skipped.
            var before = scanner.Ranges(outputs).ToList();

            using var client = new WebhookClient(SendCommand.ParseUrl(result.GetValue(url)), 1, TimeSpan.FromSeconds(10), time);
            terminal.WriteLine($"jcs demo: {cases.Count} requests to {client.Url}; then reading where each landed on {connection.BootstrapServers}");
            var answers = new Dictionary<int, WebhookOutcome>();
            foreach (var demoCase in cases)
            {
                var outcome = await client.SendAsync(demoCase.Request, cancellationToken);
                if (outcome.StatusCode is null)
                {
                    throw new CliException($"no answer from the ingress at {client.Url} ({outcome.Failure}): start the dev stack with `make run` in another terminal");
                }

                answers[demoCase.Number] = outcome;
            }

            var scanFrom = before.Select(r => (r, r.End)).ToList();
            var laterBy = time.GetUtcNow() + wait;
            while (later.Count > 0 && time.GetUtcNow() < laterBy)
            {
                foreach (var created in later.Where(scanner.Exists).ToList())
                {
                    later.Remove(created);
                    scanFrom.AddRange(scanner.Ranges([created]).Select(r => (r, r.Start)));
                }

                if (later.Count > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
                }
            }

            var stored = cases.Where(c => answers[c.Number].StoredAt() is not null).ToDictionary(c => answers[c.Number].StoredAt()!, c => c.Number);
            var awaited = cases.Where(c => c.Expected is not DemoExpectation.Dropped && stored.ContainsValue(c.Number)).Select(c => c.Number).ToHashSet();
            var landings = new Dictionary<int, DemoLanding>();
            bool Land(ConsumeResult<byte[]?, byte[]?> record)
            {
                if (Source(record) is { } source && stored.TryGetValue(source, out var number))
                {
                    landings[number] = new DemoLanding(
                        record.Topic,
                        record.Partition.Value,
                        record.Offset.Value,
                        record.Message.Headers.GetText(RecordHeaders.ErrorKind),
                        record.Message.Headers.GetText(RecordHeaders.ErrorDetail));
                }

                return !awaited.All(landings.ContainsKey);
            }

            var giveUpAt = time.GetUtcNow() + wait;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            if (awaited.Count > 0)
            {
                deadline.CancelAfter(wait);
                await using (Progress.Start(terminal, time, elapsed => $"waiting for the worker: {landings.Count}/{awaited.Count} found ({elapsed.TotalSeconds:0} s)"))
                {
                    await scanner.ScanAsync(scanFrom, follow: true, Land, deadline.Token);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            var duplicatesPassed = await DuplicatesPassedAsync(connection, result.GetValue(group)!, cases, answers, landings, giveUpAt, time, cancellationToken);
            if (duplicatesPassed.Count > 0)
            {
                // The worker is past the duplicates: had it routed one, its output would be there by now (outputs are
                // acknowledged before offsets are committed). Read what arrived since the wait above ended.
                var ends = scanner.Ranges(scanFrom.Select(s => s.Item1.Partition.Topic).Distinct()).ToDictionary(r => r.Partition, r => r.End);
                await scanner.ScanAsync([.. scanFrom.Select(s => (s.Item1 with { End = ends[s.Item1.Partition] }, s.Item2))], follow: false, record => Land(record) || true, cancellationToken);
                duplicatesPassed.RemoveWhere(landings.ContainsKey);
            }

            var allAsExpected = true;
            terminal.WriteLine("");
            terminal.WriteLine($"  #  {"sent",-52} HTTP  ended up in");
            foreach (var demoCase in cases)
            {
                var answer = answers[demoCase.Number];
                landings.TryGetValue(demoCase.Number, out var landing);
                var (where, asExpected) = Describe(demoCase, answer, landing, duplicatesPassed.Contains(demoCase.Number));
                allAsExpected &= asExpected;
                terminal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{demoCase.Number,3}  {Truncate(demoCase.Description, 52),-52} {answer.Label,-4}  {where}{(asExpected ? "" : "   <-- UNEXPECTED")}"));
            }

            terminal.WriteLine("");
            if (allAsExpected)
            {
                terminal.WriteLine("every event ended up where it should.");
                return ExitCodes.Success;
            }

            await terminal.ErrorAsync("some events did not end up where they should (marked UNEXPECTED above)");
            return ExitCodes.Failure;
        });
        return command;
    }

    private static (string Where, bool AsExpected) Describe(DemoCase demoCase, WebhookOutcome answer, DemoLanding? landing, bool duplicatePassed)
    {
        var found = landing is null ? null : $"{landing.Topic} [{landing.Partition}]@{landing.Offset}";
        switch (demoCase.Expected)
        {
            case DemoExpectation.Typed typed:
                return landing is null
                    ? ($"not found in any output topic (raw {answer.StoredAt()?.ToString() ?? "not stored"})", false)
                    : (found!, landing.Topic == typed.Topic);
            case DemoExpectation.DeadLetter deadLetter:
                return landing is null
                    ? ($"not found in any output topic (raw {answer.StoredAt()?.ToString() ?? "not stored"})", false)
                    : ($"{found}  {landing.Kind}: {Truncate(landing.Detail ?? "", 90)}", landing.Kind == deadLetter.Kind);
            case DemoExpectation.Refused refused:
                return ($"nowhere: refused by the ingress ({answer.ProblemName() ?? "no reason given"}), not stored", answer.StatusCode == refused.StatusCode);
            case DemoExpectation.Dropped dropped:
                if (landing is not null)
                {
                    return ($"{found}: routed a second time", false);
                }

                return duplicatePassed
                    ? ($"nowhere: dropped as a duplicate of #{dropped.OriginalNumber} (the worker passed raw {answer.StoredAt()} without writing it)", true)
                    : ($"not routed, but the worker has not passed raw {answer.StoredAt()?.ToString() ?? "?"} yet", false);
            default:
                return ("?", false);
        }
    }

    /// <summary>
    /// The duplicates the worker has moved past (its committed offset is beyond them) without writing anything:
    /// that, not a mere absence, shows it dropped them.
    /// </summary>
    private static async Task<HashSet<int>> DuplicatesPassedAsync(
        KafkaOptions connection, string group, IReadOnlyList<DemoCase> cases, Dictionary<int, WebhookOutcome> answers, Dictionary<int, DemoLanding> landings, DateTimeOffset giveUpAt, TimeProvider time, CancellationToken cancellationToken)
    {
        var pending = cases
            .Where(c => c.Expected is DemoExpectation.Dropped && !landings.ContainsKey(c.Number) && answers[c.Number].StoredAt() is not null)
            .ToDictionary(c => c.Number, c => answers[c.Number].StoredAt()!);
        var passed = new HashSet<int>();
        if (pending.Count == 0)
        {
            return passed;
        }

        using var admin = KafkaClients.Admin(connection);
        // At least one look, even when routing used up the whole wait.
        for (var first = true; first || (passed.Count < pending.Count && time.GetUtcNow() < giveUpAt); first = false)
        {
            var partitions = pending.Values.Select(l => new TopicPartition(l.Topic, l.Partition)).Distinct().ToList();
            var committed = await admin.ListConsumerGroupOffsetsAsync(
                [new ConsumerGroupTopicPartitions(group, partitions)],
                new ListConsumerGroupOffsetsOptions { RequestTimeout = TimeSpan.FromSeconds(5) });
            var offsets = committed.SelectMany(c => c.Partitions).ToDictionary(p => p.TopicPartition, p => p.Offset.Value);
            foreach (var (number, location) in pending)
            {
                if (offsets.GetValueOrDefault(new TopicPartition(location.Topic, location.Partition), -1) > location.Offset)
                {
                    passed.Add(number);
                }
            }

            if (passed.Count < pending.Count && time.GetUtcNow() < giveUpAt)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
            }
        }

        return passed;
    }

    /// <summary>The raw record an output record came from (<c>jc-source-*</c> headers).</summary>
    private static RawLocation? Source(ConsumeResult<byte[]?, byte[]?> record)
    {
        var headers = record.Message.Headers;
        return headers.GetText(RecordHeaders.SourceTopic) is { } topic
            && int.TryParse(headers.GetText(RecordHeaders.SourcePartition), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            && long.TryParse(headers.GetText(RecordHeaders.SourceOffset), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? new RawLocation(topic, partition, offset)
            : null;
    }

    private static bool Add(List<string> topics, string topic)
    {
        topics.Add(topic);
        return true;
    }

    private static string Truncate(string text, int width) => text.Length <= width ? text : $"{text[..(width - 3)]}...";
}
