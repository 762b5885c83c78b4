using System.CommandLine;
using Confluent.Kafka;
using Jericommerce.Streams.Cli.Common;

namespace Jericommerce.Streams.Cli.Dlq;

/// <summary><c>jcs dlq replay</c>: writes selected dead letters back to the raw topic, for the worker to route again.</summary>
internal static class DlqReplayCommand
{
    /// <summary>Replays up to this many are listed one by one; bigger ones only get the summary.</summary>
    private const int ListLimit = 20;

    public static Command Create()
    {
        var selection = new DeadLetterSelection();
        var all = new Option<bool>("--all") { Description = "replay every dead letter (required when nothing else selects)" };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "show what would be replayed, write nothing" };
        var kafka = new KafkaConnectionOptions();
        var topics = new TopicNameOptions();
        var command = new Command("replay", "Re-produces selected dead letters to the raw topic with their original key and headers plus jc-replayed-at (e.g. after a schema fix).")
        {
            all, dryRun,
        };
        selection.AddTo(command);
        topics.AddTo(command, typed: false);
        kafka.AddTo(command);

        command.SetAction(async (terminal, result, time, cancellationToken) =>
        {
            var filter = selection.Resolve(result, time.GetUtcNow());
            if (filter.SelectsEverything && !result.GetValue(all))
            {
                throw CliException.Usage("select what to replay (--kind, --type, --since, --until, --partition, --from-offset, --to-offset) or pass --all");
            }

            var deadLetterTopic = topics.DeadLetter(result);
            var rawTopic = topics.Raw(result);
            var connection = kafka.Resolve(result);
            var dry = result.GetValue(dryRun);
            using var scanner = new TopicScanner(connection);
            var plan = DeadLetterSelection.Plan(scanner.Ranges([deadLetterTopic], filter.Partition), filter);
            var rawPartitions = scanner.Ranges([rawTopic]).Count;

            using var producer = dry ? null : KafkaClients.Producer(connection);
            var replayedAt = time.GetUtcNow();
            var kinds = new List<string>();
            var failures = new List<string>();
            var acknowledged = 0;
            await using (Progress.Start(terminal, time, _ => $"replayed {kinds.Count} dead letters, {Volatile.Read(ref acknowledged)} acknowledged"))
            {
                await scanner.ScanAsync(
                    plan,
                    follow: false,
                    record =>
                    {
                        var letter = new DeadLetter(record);
                        if (!filter.Matches(letter))
                        {
                            return true;
                        }

                        var partition = ReplayRecord.TargetPartition(letter, rawTopic, rawPartitions);
                        if (producer is not null)
                        {
                            Produce(producer, new TopicPartition(rawTopic, partition), ReplayRecord.From(letter, replayedAt), report =>
                            {
                                if (report.Error.IsError)
                                {
                                    lock (failures)
                                    {
                                        failures.Add($"{report.Error.Code}: {report.Error.Reason}");
                                    }
                                }
                                else
                                {
                                    Interlocked.Increment(ref acknowledged);
                                }
                            });
                        }

                        kinds.Add(letter.Kind);
                        if (kinds.Count <= ListLimit)
                        {
                            var target = partition == Partition.Any ? rawTopic : $"{rawTopic} [{partition.Value}]";
                            terminal.WriteLine($"{(dry ? "would replay" : "replay")} [{letter.Partition}]@{letter.Offset} {letter.Kind} {DeadLetterPrinter.Quote(letter.EventType)} id={letter.EventId ?? "?"} -> {target}");
                        }
                        else if (kinds.Count == ListLimit + 1)
                        {
                            terminal.WriteLine("... (more, not listed)");
                        }

                        return !cancellationToken.IsCancellationRequested;
                    },
                    cancellationToken);

                // Every record handed to the producer is waited for, even after Ctrl-C: it is on its way already.
                producer?.Flush(TimeSpan.FromSeconds(60));
            }

            var summary = kinds.Count == 0 ? "" : $": {DeadLetterPrinter.Counts(kinds)}";
            terminal.WriteLine(dry
                ? $"would replay {kinds.Count} dead letter{(kinds.Count == 1 ? "" : "s")} from {deadLetterTopic} to {rawTopic}{summary}"
                : $"replayed {acknowledged} dead letter{(acknowledged == 1 ? "" : "s")} from {deadLetterTopic} to {rawTopic}{summary}");
            if (!dry && acknowledged < kinds.Count)
            {
                var why = failures.Count > 0 ? failures[0] : "no acknowledgement within 60 s";
                throw new CliException($"{kinds.Count - acknowledged} of {kinds.Count} replayed records were not acknowledged by Kafka ({why})");
            }

            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Hands a record to the producer, waiting for room when its queue is full rather than failing.</summary>
    private static void Produce(IProducer<byte[]?, byte[]?> producer, TopicPartition target, Message<byte[]?, byte[]?> message, Action<DeliveryReport<byte[]?, byte[]?>> onDelivery)
    {
        while (true)
        {
            try
            {
                producer.Produce(target, message, onDelivery);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
