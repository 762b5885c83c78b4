namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>
/// How hard the scenarios push, chosen by <c>JCS_CHAOS</c>: unset or <c>short</c> for <c>make test</c>
/// (a few seconds of load each), <c>long</c> for <c>make chaos</c> (a minute of load, more faults).
/// Only counts and durations change; the assertions are the same.
/// </summary>
internal sealed record ChaosProfile(
    string Name,
    int EventsPerSecond,
    TimeSpan LoadDuration,
    int RawPartitions,
    int Repetitions,
    int FuzzIterations,
    int GarbageRecords)
{
    public const string Variable = "JCS_CHAOS";

    public static readonly ChaosProfile Short = new("short", 120, TimeSpan.FromSeconds(9), 4, 2, 400, 300);

    public static readonly ChaosProfile Long = new("long", 300, TimeSpan.FromSeconds(60), 8, 6, 5000, 5000);

    public static ChaosProfile Current { get; } =
        string.Equals(Environment.GetEnvironmentVariable(Variable)?.Trim(), "long", StringComparison.OrdinalIgnoreCase) ? Long : Short;

    public bool IsLong => ReferenceEquals(this, Long);
}
