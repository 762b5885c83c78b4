using System.Text;
using Confluent.Kafka;

namespace Jericommerce.Streams.Reliability.Tests.Accounting;

/// <summary>One scenario's accounting by event id (see <see cref="Ledger"/>).</summary>
internal sealed record EventAccount
{
    /// <summary>Distinct events the sender sent.</summary>
    public required int Sent { get; init; }

    /// <summary>Events that got a 2xx (on some attempt).</summary>
    public required int Accepted { get; init; }

    /// <summary>Events that never got a 2xx within the sender's attempts.</summary>
    public required IReadOnlyList<string> GaveUp { get; init; }

    public required int RawRecords { get; init; }

    /// <summary>Accepted events whose 2xx named a raw position that does not hold them: a 2xx without its record.</summary>
    public required IReadOnlyList<string> NotAtTheirPosition { get; init; }

    /// <summary>Extra raw copies written by one request (librdkafka re-sending a request the dev broker had stored).</summary>
    public required int RawExtraSameRequest { get; init; }

    /// <summary>Extra raw copies from another request of the same event (a 503'd or unanswered request that was stored after all, then retried).</summary>
    public required int RawExtraOtherRequest { get; init; }

    public int RawExtra => RawExtraSameRequest + RawExtraOtherRequest;

    /// <summary>Accepted events found on a typed topic.</summary>
    public required int LandedTyped { get; init; }

    /// <summary>Accepted events found on the dead-letter topic.</summary>
    public required int LandedDeadLetter { get; init; }

    public int Landed => LandedTyped + LandedDeadLetter;

    /// <summary>Accepted events on no output: must be none.</summary>
    public required IReadOnlyList<string> Lost { get; init; }

    /// <summary>Accepted events on the wrong output (valid in the DLQ or another type's topic, invalid on a typed topic).</summary>
    public required IReadOnlyList<string> Misrouted { get; init; }

    /// <summary>Extra typed copies of one raw record: written again (a re-sent produce, or a record processed again after a crash).</summary>
    public required int TypedExtraSameSource { get; init; }

    /// <summary>Extra typed copies from a different raw record of the same id: dedup failed.</summary>
    public required int TypedExtraDistinctSource { get; init; }

    public int TypedExtra => TypedExtraSameSource + TypedExtraDistinctSource;

    /// <summary>Extra dead-letter copies (the DLQ does not dedup: each raw copy of an invalid event lands).</summary>
    public required int DeadLetterExtra { get; init; }

    /// <summary>Output records of events nobody sent.</summary>
    public required IReadOnlyList<string> Strangers { get; init; }

    /// <summary>The group's lag when accounted (null when Kafka could not tell).</summary>
    public required long? FinalLag { get; init; }

    /// <summary>Partitions the dev broker's retention cut (their oldest records are gone): must be none for the accounting to hold.</summary>
    public required IReadOnlyList<string> Truncated { get; init; }

    /// <summary>Every record's headers (raw and outputs), searched for secrets.</summary>
    public required IReadOnlyList<Headers> Headers { get; init; }

    public string Describe()
    {
        var text = new StringBuilder()
            .Append($"sent {Sent}, 2xx {Accepted}, gave up {GaveUp.Count}, raw records {RawRecords} ({RawExtraSameRequest} extra from one request, {RawExtraOtherRequest} from retries), ")
            .Append($"landed {Landed} ({LandedTyped} typed, {LandedDeadLetter} DLQ), lost {Lost.Count}, misrouted {Misrouted.Count}, ")
            .Append($"typed extra {TypedExtraSameSource} same source + {TypedExtraDistinctSource} distinct source, DLQ extra {DeadLetterExtra}, ")
            .Append($"2xx not at their position {NotAtTheirPosition.Count}, strangers {Strangers.Count}, final lag {FinalLag?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}");
        foreach (var (name, ids) in new[] { ("lost", Lost), ("misrouted", Misrouted), ("gave up", GaveUp), ("not at position", NotAtTheirPosition), ("strangers", Strangers) })
        {
            if (ids.Count > 0)
            {
                text.Append($"\n{name}: {string.Join(", ", ids.Take(10))}");
            }
        }

        return text.ToString();
    }
}
