namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>The worker's stated crash-duplicate bound (README, Delivery guarantee), for the settings the tests use.</summary>
internal static class WorkerBounds
{
    /// <summary>
    /// Records in flight (<c>MaxInFlightPerPartition</c> per partition) plus those finished since the last
    /// completed commit: one commit interval and the commit's round trip at <paramref name="eventsPerSecond"/>.
    /// </summary>
    public static int CrashDuplicates(int partitions, int eventsPerSecond) =>
        (partitions * ServiceSettings.MaxInFlightPerPartition)
        + (int)Math.Ceiling(eventsPerSecond * (ServiceSettings.CommitInterval + ServiceSettings.CommitRoundTripAllowance).TotalSeconds);
}
