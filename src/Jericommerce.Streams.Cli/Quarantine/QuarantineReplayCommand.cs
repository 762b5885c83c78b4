using System.CommandLine;
using Confluent.Kafka;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Cli.Quarantine;

/// <summary>
/// <c>jcs quarantine replay</c>: re-verifies every quarantined request with the secrets and variants given (the new
/// settings) and writes those that now pass to the raw topic, once each: a body already replayed (a marker in the
/// quarantine topic says so) or seen earlier in this run (the sender's retries) is skipped. Requests that still fail
/// stay where they are, for a later replay. Nothing is written anywhere but the raw topic and the markers.
/// </summary>
internal static class QuarantineReplayCommand
{
    private const int ListLimit = 20;

    public static Command Create()
    {
        var quarantineTopic = new Option<string>("--quarantine-topic") { Description = "the quarantine topic (Ingress:Quarantine:Topic)", DefaultValueFactory = _ => QuarantineCommand.DefaultTopic };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "re-verify and report, write nothing" };
        var secrets = new SecretOptions();
        var kafka = new KafkaConnectionOptions();
        var topics = new TopicNameOptions();
        var command = new Command("replay", "Re-verifies the quarantined requests with the given secrets and variants; writes each one that now passes to the raw topic once, with jc-quarantine-source and jc-replayed-at.")
        {
            quarantineTopic, dryRun,
        };
        secrets.AddTo(command);
        topics.AddTo(command, typed: false, deadLetter: false);
        kafka.AddTo(command);

        command.SetAction(async (terminal, result, time, cancellationToken) =>
        {
            var (keys, variants) = secrets.Resolve(result);
            var source = (result.GetValue(quarantineTopic) ?? "").Trim();
            var rawTopic = topics.Raw(result);
            var dry = result.GetValue(dryRun);
            var connection = kafka.Resolve(result);
            using var scanner = new TopicScanner(connection);
            var records = new List<QuarantinedRequest>();
            await scanner.ScanAsync(
                [.. scanner.Ranges([source]).Select(r => (r, r.Start))],
                follow: false,
                record =>
                {
                    records.Add(new QuarantinedRequest(record));
                    return !cancellationToken.IsCancellationRequested;
                },
                cancellationToken);

            var done = records.Select(r => r.ReplayedDigest).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var tally = new ReplayTally();
            using var producer = dry ? null : KafkaClients.Producer(connection);
            var replayedAt = time.GetUtcNow();
            foreach (var request in records.Where(r => r.ReplayedDigest is null && r.Signature is not null))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var check = Reverification.Check(keys, variants, request.Signature!, request.Body);
                var digest = request.Digest;
                string outcome;
                if (!check.Passes)
                {
                    tally.StillFailing++;
                    outcome = check.Outcome == ReverificationOutcome.DiagnosedOnly ? $"still fails (variant {check.Variant!.Value.Name} of secret {check.SecretName} would match: --variant {check.SecretName}={check.Variant!.Value.Name})" : "still fails";
                }
                else if (!done.Add(digest))
                {
                    tally.Skipped++;
                    outcome = "already replayed (or a duplicate)";
                }
                else
                {
                    tally.Replayed++;
                    outcome = $"{(dry ? "would replay" : "replayed")} to {rawTopic} (secret {check.SecretName}, {check.Variant!.Value.Name})";
                    if (producer is not null)
                    {
                        // The raw record first, then the marker: a replay stopped in between writes the event again next
                        // time, and the worker's dedup (by event id) drops it; the other order could lose it.
                        await producer.ProduceAsync(rawTopic, request.ToRawRecord(check, replayedAt), cancellationToken);
                        await producer.ProduceAsync(source, request.ToMarker(replayedAt), cancellationToken);
                    }
                }

                if (++tally.Listed <= ListLimit)
                {
                    terminal.WriteLine($"{request.Where} {request.EventType ?? "(no event type)"}: {outcome}");
                }
            }

            terminal.WriteLine($"{(dry ? "would replay" : "replayed")} {tally.Replayed} request(s) from {source} to {rawTopic}; {tally.Skipped} already replayed or duplicate(s); {tally.StillFailing} still failing (left in quarantine)");
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed class ReplayTally
    {
        public int Replayed { get; set; }

        public int Skipped { get; set; }

        public int StillFailing { get; set; }

        public int Listed { get; set; }
    }
}
