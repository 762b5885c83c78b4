namespace Jericommerce.Streams.LoadTests.Phases;

/// <summary>How long and how hard each phase runs: <c>quick</c> (under 2 minutes with the build) or <c>full</c>.</summary>
internal sealed record BenchSettings
{
    public required string Mode { get; init; }

    /// <summary>Every hot-path case (full) or one of each (quick).</summary>
    public required bool AllMicroCases { get; init; }

    /// <summary>
    /// Saturation before the first measurement of a fresh process: the JIT tiers the hot paths up meanwhile (here a
    /// fresh ingress was still compiling 10 s into its load and ran at a third of its warm rate).
    /// </summary>
    public required TimeSpan SaturationWarmup { get; init; }

    public required TimeSpan SaturationMeasure { get; init; }

    /// <summary>Closed-loop connection counts tried; the best result is reported.</summary>
    public required IReadOnlyList<int> SaturationConnections { get; init; }

    public required TimeSpan RateWarmup { get; init; }

    public required TimeSpan RateMeasure { get; init; }

    /// <summary>Connections of the open-loop (fixed rate) runs.</summary>
    public int RateConnections { get; init; } = 64;

    /// <summary>Rounds of ceiling-then-full for the ingress, and measured backlogs for each worker process; the best of each is reported.</summary>
    public required int Rounds { get; init; }

    /// <summary>
    /// Raw records each worker process consumes first, unmeasured, so that the JIT has tiered the hot paths up (a
    /// fresh .NET process on busy cores still ran partly instrumented code after 200,000 events) and the group has
    /// settled. Written in backlogs of at most 150,000.
    /// </summary>
    public required int WorkerWarmup { get; init; }

    /// <summary>Raw records of each measured backlog (32 partitions stay well under the broker's ~5 MiB each).</summary>
    public required int WorkerBacklog { get; init; }

    /// <summary>How long the end-to-end phase first drives the pipeline flat out (unmeasured) to warm both services up.</summary>
    public required TimeSpan EndToEndBurst { get; init; }

    public double EndToEndRate { get; init; } = 5_000;

    public required TimeSpan EndToEndWarmup { get; init; }

    public required TimeSpan EndToEndMeasure { get; init; }

    /// <summary>Offered rates (events/s) of the whole-stack phase's open-loop loads, in order.</summary>
    public required IReadOnlyList<double> StackRates { get; init; }

    /// <summary>The whole-stack phase's unmeasured burst at saturation before its loads (JIT tiering, group settling).</summary>
    public required TimeSpan StackWarmup { get; init; }

    public required TimeSpan StackRateWarmup { get; init; }

    public required TimeSpan StackRateMeasure { get; init; }

    /// <summary>Also load the whole stack at saturation (closed loop).</summary>
    public required bool StackSaturation { get; init; }

    /// <summary>
    /// Connections of every whole-stack load. An open loop needs rate × latency requests in flight (one at a time per
    /// HTTP/1.1 connection): with 64, an ingress answering in 10 ms caps the offer at 6,400/s whatever the rate asked.
    /// </summary>
    public int StackConnections { get; init; } = 256;

    /// <summary>Also measure the ingress through the dev broker's fixed-address TCP forwarder (what <c>make broker</c> gives).</summary>
    public required bool MeasureForwarder { get; init; }

    public static BenchSettings Quick { get; } = new()
    {
        Mode = "quick",
        AllMicroCases = false,
        SaturationWarmup = TimeSpan.FromSeconds(5),
        SaturationMeasure = TimeSpan.FromSeconds(3),
        SaturationConnections = [128],
        RateWarmup = TimeSpan.FromSeconds(1),
        RateMeasure = TimeSpan.FromSeconds(3),
        Rounds = 1,
        WorkerWarmup = 60_000,
        WorkerBacklog = 70_000,
        EndToEndBurst = TimeSpan.FromSeconds(3),
        EndToEndWarmup = TimeSpan.FromSeconds(1),
        EndToEndMeasure = TimeSpan.FromSeconds(5),
        MeasureForwarder = false,
        StackRates = [10_000],
        StackWarmup = TimeSpan.FromSeconds(5),
        StackRateWarmup = TimeSpan.FromSeconds(1),
        StackRateMeasure = TimeSpan.FromSeconds(3),
        StackSaturation = false,
    };

    public static BenchSettings Full { get; } = new()
    {
        Mode = "full",
        AllMicroCases = true,
        SaturationWarmup = TimeSpan.FromSeconds(10),
        SaturationMeasure = TimeSpan.FromSeconds(10),
        SaturationConnections = [64, 256],
        RateWarmup = TimeSpan.FromSeconds(2),
        RateMeasure = TimeSpan.FromSeconds(12),
        Rounds = 2,
        WorkerWarmup = 300_000,
        WorkerBacklog = 150_000,
        EndToEndBurst = TimeSpan.FromSeconds(5),
        EndToEndWarmup = TimeSpan.FromSeconds(2),
        EndToEndMeasure = TimeSpan.FromSeconds(30),
        MeasureForwarder = true,
        StackRates = [2_000, 5_000, 10_000],
        StackWarmup = TimeSpan.FromSeconds(5),
        StackRateWarmup = TimeSpan.FromSeconds(2),
        StackRateMeasure = TimeSpan.FromSeconds(10),
        StackSaturation = true,
    };
}
