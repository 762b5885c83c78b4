using System.CommandLine;
using Jericommerce.Streams.Cli.Common;

namespace Jericommerce.Streams.Cli.Dlq;

/// <summary><c>jcs dlq list</c>: the dead letters, filtered, with counts by kind and by type.</summary>
internal static class DlqListCommand
{
    public static Command Create()
    {
        var selection = new DeadLetterSelection();
        var json = new Option<bool>("--json") { Description = "one JSON object per dead letter (with the body), no summary" };
        var summary = new Option<bool>("--summary") { Description = "only the counts by kind and type" };
        var kafka = new KafkaConnectionOptions();
        var topics = new TopicNameOptions();
        var command = new Command("list", "Lists dead letters (partition, offset, time, kind, type, id, key, detail) and counts them by kind and type.")
        {
            json, summary,
        };
        selection.AddTo(command);
        topics.AddTo(command, raw: false, typed: false);
        kafka.AddTo(command);

        command.SetAction(async (terminal, result, time, cancellationToken) =>
        {
            var filter = selection.Resolve(result, time.GetUtcNow());
            var topic = topics.DeadLetter(result);
            var asJson = result.GetValue(json);
            var countsOnly = result.GetValue(summary);
            using var scanner = new TopicScanner(kafka.Resolve(result));
            var plan = DeadLetterSelection.Plan(scanner.Ranges([topic], filter.Partition), filter);
            var total = plan.Sum(p => p.Range.End - p.Start);
            var read = 0L;
            var matched = new List<(string Kind, string Type)>();
            await using (Progress.Start(terminal, time, _ => $"read {read}/{total} dead letters, {matched.Count} match"))
            {
                await scanner.ScanAsync(
                    plan,
                    follow: false,
                    record =>
                    {
                        Interlocked.Increment(ref read);
                        var letter = new DeadLetter(record);
                        if (filter.Matches(letter))
                        {
                            matched.Add((letter.Kind, DeadLetterPrinter.Quote(letter.EventType)));
                            if (!countsOnly)
                            {
                                terminal.WriteLine(asJson ? DeadLetterPrinter.Json(letter) : DeadLetterPrinter.Line(letter));
                            }
                        }

                        return true;
                    },
                    cancellationToken);
            }

            if (!asJson)
            {
                var noun = matched.Count == 1 ? "dead letter" : "dead letters";
                terminal.WriteLine(matched.Count == 0
                    ? $"no matching dead letters in {topic} ({read} read)"
                    : $"{matched.Count} {noun} in {topic} ({read} read). by kind: {DeadLetterPrinter.Counts(matched.Select(m => m.Kind))}. by type: {DeadLetterPrinter.Counts(matched.Select(m => m.Type))}");
            }

            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Success;
        });
        return command;
    }
}
