using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Reliability.Tests.Sending;

namespace Jericommerce.Streams.Reliability.Tests.Accounting;

/// <summary>
/// The end-of-scenario accounting by event id: what the sender sent and got a 2xx for, what the raw
/// topic holds (at the position each 2xx named), and where the worker put each event.
/// </summary>
internal static class Ledger
{
    /// <summary>
    /// Waits until the worker group has committed the whole raw topic (lag 0: every raw record's output
    /// is acknowledged) and every accepted event has landed, or <paramref name="timeout"/> passes; then
    /// accounts for everything.
    /// </summary>
    public static async Task<EventAccount> SettleAsync(
        string bootstrapServers, ScenarioTopics topics, IReadOnlyList<EventOutcome> outcomes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long? lag = null;
        try
        {
            return await Eventually.FoundAsync(
                async token =>
                {
                    lag = await GroupLag.TryMeasureAsync(bootstrapServers, topics.GroupId, topics.Raw, topics.RawPartitions, token);
                    return lag == 0 && await AccountAsync(bootstrapServers, topics, outcomes, lag, token) is { Lost.Count: 0 } account ? account : null;
                },
                () => $"the worker group to commit the raw topic and every accepted event to land (lag {lag})",
                timeout,
                cancellationToken,
                TimeSpan.FromMilliseconds(500));
        }
        catch (TimeoutException)
        {
            // Not settled in time: the account of what there is says what is missing, better than the timeout.
            return await AccountAsync(bootstrapServers, topics, outcomes, lag, cancellationToken);
        }
    }

    public static async Task<EventAccount> AccountAsync(
        string bootstrapServers, ScenarioTopics topics, IReadOnlyList<EventOutcome> outcomes, long? lag, CancellationToken cancellationToken)
    {
        var raw = await TopicReader.ReadAllAsync(bootstrapServers, topics.Raw, cancellationToken);
        var outputTopics = await topics.OutputsAsync(bootstrapServers, cancellationToken);
        var outputs = await TopicReader.ReadAllAsync(bootstrapServers, outputTopics, cancellationToken);
        var sent = outcomes.Select(o => o.Event.Id).ToHashSet();

        var rawById = raw.GroupBy(r => EventIds.Of(r.Message.Value) ?? "").ToDictionary(g => g.Key, g => g.ToList());
        var rawAt = raw.ToDictionary(r => (r.Partition.Value, r.Offset.Value));
        var typed = outputs.Where(r => r.Topic != topics.DeadLetter).GroupBy(r => EventIds.Of(r.Message.Value) ?? "").ToDictionary(g => g.Key, g => g.ToList());
        var dead = outputs.Where(r => r.Topic == topics.DeadLetter).GroupBy(r => EventIds.Of(r.Message.Value) ?? "").ToDictionary(g => g.Key, g => g.ToList());

        var accepted = outcomes.Where(o => o.Accepted).ToList();
        var lost = new List<string>();
        var misrouted = new List<string>();
        var notAtPosition = new List<string>();
        foreach (var outcome in accepted)
        {
            var id = outcome.Event.Id;
            var position = outcome.Position!;
            if (position.Topic != topics.Raw || !rawAt.TryGetValue((position.Partition, position.Offset), out var stored) || EventIds.Of(stored.Message.Value) != id)
            {
                notAtPosition.Add(id);
            }

            var inTyped = typed.GetValueOrDefault(id) ?? [];
            var inDead = dead.GetValueOrDefault(id) ?? [];
            if (inTyped.Count == 0 && inDead.Count == 0)
            {
                lost.Add(id);
            }
            else if (outcome.Event.ExpectedSlug is { } slug
                ? inDead.Count > 0 || inTyped.Any(r => topics.SlugOf(r.Topic) != slug)
                : inTyped.Count > 0)
            {
                misrouted.Add($"{id} ({outcome.Event.EventType}, expected {outcome.Event.ExpectedSlug ?? "the DLQ"}, found in {string.Join(" and ", inTyped.Concat(inDead).Select(r => r.Topic).Distinct())})");
            }
        }

        var rawExtraSameRequest = 0;
        var rawExtraOtherRequest = 0;
        foreach (var (id, copies) in rawById)
        {
            if (id.Length == 0 || copies.Count < 2)
            {
                continue;
            }

            var requests = copies.Select(c => c.Message.Headers.GetText(RecordHeaders.RequestId)).Distinct().Count();
            rawExtraOtherRequest += requests - 1;
            rawExtraSameRequest += copies.Count - requests;
        }

        var typedExtraSameSource = 0;
        var typedExtraDistinctSource = 0;
        foreach (var (_, copies) in typed)
        {
            if (copies.Count < 2)
            {
                continue;
            }

            var sources = copies.Select(c => (c.Message.Headers.GetText(RecordHeaders.SourcePartition), c.Message.Headers.GetText(RecordHeaders.SourceOffset))).Distinct().Count();
            typedExtraDistinctSource += sources - 1;
            typedExtraSameSource += copies.Count - sources;
        }

        var truncated = await Retention.TruncatedPartitionsAsync(bootstrapServers, [topics.Raw, .. outputTopics], cancellationToken);
        var strangers = typed.Keys.Concat(dead.Keys).Where(id => !sent.Contains(id)).ToList();
        return new EventAccount
        {
            Sent = outcomes.Count,
            Accepted = accepted.Count,
            GaveUp = [.. outcomes.Where(o => !o.Accepted).Select(o => o.Event.Id)],
            RawRecords = raw.Count,
            NotAtTheirPosition = notAtPosition,
            RawExtraSameRequest = rawExtraSameRequest,
            RawExtraOtherRequest = rawExtraOtherRequest,
            LandedTyped = accepted.Count(o => typed.ContainsKey(o.Event.Id)),
            LandedDeadLetter = accepted.Count(o => dead.ContainsKey(o.Event.Id)),
            Lost = lost,
            Misrouted = misrouted,
            TypedExtraSameSource = typedExtraSameSource,
            TypedExtraDistinctSource = typedExtraDistinctSource,
            DeadLetterExtra = dead.Where(d => d.Key.Length > 0).Sum(d => d.Value.Count - 1),
            Strangers = strangers,
            FinalLag = lag,
            Truncated = truncated,
            Headers = [.. raw.Concat(outputs).Select(r => r.Message.Headers)],
        };
    }
}
