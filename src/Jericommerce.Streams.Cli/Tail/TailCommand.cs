using System.CommandLine;
using Jericommerce.Streams.Cli.Common;

namespace Jericommerce.Streams.Cli.Tail;

/// <summary><c>jcs tail &lt;topic&gt;</c>: prints a topic's records (partition, offset, key, headers, value).</summary>
internal static class TailCommand
{
    public static Command Create()
    {
        var topic = new Argument<string>("topic") { Description = "topic to read, e.g. jericommerce.customer-created.v1" };
        var fromBeginning = new Option<bool>("--from-beginning") { Description = "start at each partition's first record (default: at the end, waiting for new ones)" };
        var follow = new Option<bool>("--follow", "-F") { Description = "keep waiting for new records until Ctrl-C (always so when starting at the end)" };
        var max = new Option<int?>("--max", "-m") { Description = "stop after this many records" };
        var partition = new Option<int?>("--partition", "-p") { Description = "only this partition" };
        var json = new Option<bool>("--json") { Description = "one JSON object per record (for jq and scripts)" };
        var kafka = new KafkaConnectionOptions();
        var command = new Command("tail", "Prints the records of a topic: partition, offset, time, key, headers, value.")
        {
            topic, fromBeginning, follow, max, partition, json,
        };
        kafka.AddTo(command);

        command.SetAction(async (terminal, result, cancellationToken) =>
        {
            var name = result.GetValue(topic)!;
            var limit = result.GetValue(max) ?? int.MaxValue;
            if (limit < 1)
            {
                throw CliException.Usage("--max must be at least 1");
            }

            var beginning = result.GetValue(fromBeginning);
            var following = result.GetValue(follow) || !beginning;
            using var scanner = new TopicScanner(kafka.Resolve(result));
            var ranges = scanner.Ranges([name], result.GetValue(partition));
            if (following)
            {
                terminal.WriteErrorLine($"reading {name} ({ranges.Count} partition{(ranges.Count == 1 ? "" : "s")}) from {(beginning ? "the beginning" : "the end")}, waiting for new records; Ctrl-C stops");
            }

            var printed = 0;
            var asJson = result.GetValue(json);
            await scanner.ScanAsync(
                [.. ranges.Select(r => (r, beginning ? r.Start : r.End))],
                following,
                record =>
                {
                    terminal.WriteLine(asJson ? RecordPrinter.Json(record) : RecordPrinter.Text(record));
                    return ++printed < limit;
                },
                cancellationToken);
            if (!following && !asJson)
            {
                terminal.WriteErrorLine($"{printed} record{(printed == 1 ? "" : "s")}");
            }

            // Ctrl-C is how a follow ends: not a failure.
            return ExitCodes.Success;
        });
        return command;
    }
}
