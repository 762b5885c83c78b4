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
    int GarbageRecords,
    TimeSpan RetryWindow,
    TimeSpan SettleTimeout,
    BurstProfile Burst)
{
    public const string Variable = "JCS_CHAOS";

    /// <summary>How long one service process may take to start and answer <c>/readyz</c>.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static readonly ChaosProfile Short = new(
        "short", 120, TimeSpan.FromSeconds(9), 4, 2, 400, 300, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2),
        new BurstProfile(Events: 3_000, Over: TimeSpan.FromSeconds(2), Concurrency: 256, Customers: 2_000, ProducerQueue: 64, DrainBound: TimeSpan.FromSeconds(60)));

    public static readonly ChaosProfile Long = new(
        "long", 300, TimeSpan.FromSeconds(60), 8, 6, 5000, 5000, TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(5),
        new BurstProfile(Events: 20_000, Over: TimeSpan.FromSeconds(4), Concurrency: 512, Customers: 15_000, ProducerQueue: 128, DrainBound: TimeSpan.FromSeconds(120)));

    public static ChaosProfile Current { get; } =
        string.Equals(Environment.GetEnvironmentVariable(Variable)?.Trim(), "long", StringComparison.OrdinalIgnoreCase) ? Long : Short;

    public bool IsLong => ReferenceEquals(this, Long);

    /// <summary>
    /// The most a scenario may take before it fails as hung: two service starts, its load, the sender's last
    /// retries, and the settling of the accounting, each at its own limit.
    /// </summary>
    public TimeSpan Deadline => (2 * StartTimeout) + Max(LoadDuration, Burst.Over) + RetryWindow + SettleTimeout;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
