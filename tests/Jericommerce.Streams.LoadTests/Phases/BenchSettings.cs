namespace Jericommerce.Streams.LoadTests.Phases;

/// <summary>How long and how hard each phase runs: <c>quick</c> (under 2 minutes with the build) or <c>full</c>.</summary>
internal sealed record BenchSettings
{
    public required string Mode { get; init; }

    /// <summary>Every hot-path case (full) or one of each (quick).</summary>
    public required bool AllMicroCases { get; init; }

    public required TimeSpan SaturationWarmup { get; init; }

    public required TimeSpan SaturationMeasure { get; init; }

    /// <summary>Closed-loop connection counts tried; the best result is reported.</summary>
    public required IReadOnlyList<int> SaturationConnections { get; init; }

    public required TimeSpan RateWarmup { get; init; }

    public required TimeSpan RateMeasure { get; init; }

    /// <summary>Connections of the open-loop (fixed rate) runs.</summary>
    public int RateConnections { get; init; } = 64;

    /// <summary>Rounds of ceiling-then-full for the ingress and the worker; the best of each is reported.</summary>
    public required int Rounds { get; init; }

    /// <summary>Raw records pre-filled for the worker phases (32 partitions: well under the broker's ~5 MiB each).</summary>
    public required int WorkerBacklog { get; init; }

    public double EndToEndRate { get; init; } = 5_000;

    public required TimeSpan EndToEndWarmup { get; init; }

    public required TimeSpan EndToEndMeasure { get; init; }

    /// <summary>Also measure the ingress through the dev broker's fixed-address TCP forwarder (what <c>make broker</c> gives).</summary>
    public required bool MeasureForwarder { get; init; }

    public static BenchSettings Quick { get; } = new()
    {
        Mode = "quick",
        AllMicroCases = false,
        SaturationWarmup = TimeSpan.FromSeconds(2),
        SaturationMeasure = TimeSpan.FromSeconds(4),
        SaturationConnections = [128],
        RateWarmup = TimeSpan.FromSeconds(1),
        RateMeasure = TimeSpan.FromSeconds(4),
        Rounds = 1,
        WorkerBacklog = 80_000,
        EndToEndWarmup = TimeSpan.FromSeconds(2),
        EndToEndMeasure = TimeSpan.FromSeconds(6),
        MeasureForwarder = false,
    };

    public static BenchSettings Full { get; } = new()
    {
        Mode = "full",
        AllMicroCases = true,
        SaturationWarmup = TimeSpan.FromSeconds(4),
        SaturationMeasure = TimeSpan.FromSeconds(10),
        SaturationConnections = [64, 256],
        RateWarmup = TimeSpan.FromSeconds(2),
        RateMeasure = TimeSpan.FromSeconds(12),
        Rounds = 2,
        WorkerBacklog = 150_000,
        EndToEndWarmup = TimeSpan.FromSeconds(4),
        EndToEndMeasure = TimeSpan.FromSeconds(30),
        MeasureForwarder = true,
    };
}
