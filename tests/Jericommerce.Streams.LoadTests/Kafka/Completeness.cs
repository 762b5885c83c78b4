namespace Jericommerce.Streams.LoadTests.Kafka;

/// <summary>
/// Accepted events (answered 202) against what reached the typed topics: found exactly once, missing, found more
/// than once; plus records nobody was told about, dead letters and records of another run.
/// </summary>
internal readonly record struct Completeness(long Accepted, long FoundOnce, long Missing, long Duplicated, long Unexpected, long DeadLettered, long Foreign)
{
    public double Percent => Accepted == 0 ? 0 : 100.0 * FoundOnce / Accepted;

    public bool IsComplete => Accepted > 0 && FoundOnce == Accepted && Unexpected == 0 && DeadLettered == 0;
}
