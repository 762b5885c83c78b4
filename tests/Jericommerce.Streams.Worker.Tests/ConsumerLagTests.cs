using Jericommerce.Streams.Worker.Consuming;
using Jericommerce.Streams.Worker.Lag;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>The lag arithmetic in each state a partition can be in.</summary>
public sealed class ConsumerLagTests
{
    private static readonly long NoCommit = Offset.Unset.Value;

    [Fact]
    public void Busy_LagIsHighWatermarkMinusCommittedOffset() => Assert.Equal(60, ConsumerLag.Of(committed: 40, low: 0, high: 100));

    [Fact]
    public void Idle_AndCaughtUp_LagIsZero() => Assert.Equal(0, ConsumerLag.Of(committed: 100, low: 0, high: 100));

    [Theory]
    [InlineData(0, 25, 25)]
    [InlineData(10, 25, 15)]
    [InlineData(25, 25, 0)]
    public void NoCommittedOffsetYet_CountsEveryRetainedRecord_FromTheLowWatermark(long low, long high, long expected) =>
        Assert.Equal(expected, ConsumerLag.Of(NoCommit, low, high));

    [Fact]
    public void CommittedOffsetBelowTheLowWatermark_CountsOnlyWhatIsStillRetained() =>
        Assert.Equal(30, ConsumerLag.Of(committed: 5, low: 70, high: 100));

    [Fact]
    public void AHighWatermarkOlderThanTheCommit_IsCaughtUp_NotNegative() =>
        Assert.Equal(0, ConsumerLag.Of(committed: 110, low: 0, high: 100));

    [Fact]
    public void AnUnknownHighWatermark_HasNoLag() => Assert.Null(ConsumerLag.Of(committed: 10, low: -1, high: -1));

    [Fact]
    public void Compute_ReportsEachOwnedPartitionWithKnownWatermarks_AndLeavesOutTheOthers()
    {
        TopicPartition P(int partition) => new("raw", partition);
        var owned = new[] { new PartitionPosition(P(0), 40), new PartitionPosition(P(1), NoCommit), new PartitionPosition(P(2), 7) };
        var marks = new Dictionary<TopicPartition, Watermarks> { [P(0)] = new(0, 100), [P(1)] = new(3, 9), [P(3)] = new(0, 50) };

        var lags = ConsumerLag.Compute(owned, marks);

        Assert.Equal(
            [new PartitionLag(P(0), 40, 0, 100, 60), new PartitionLag(P(1), NoCommit, 3, 9, 6)],
            lags.OrderBy(l => l.Partition.Partition.Value));
    }

    [Theory]
    [InlineData(1_700_000_000_000L, 1_700_000_010_000L, 10.0)]
    [InlineData(1_700_000_000_000L, 1_700_000_000_250L, 0.25)]
    [InlineData(1_700_000_010_000L, 1_700_000_000_000L, 0.0)]
    public void OldestUnprocessedAge_IsTheTimeSinceItsReceipt_NeverNegative(long receivedAt, long now, double expected) =>
        Assert.Equal(expected, ConsumerLag.OldestUnprocessedAgeSeconds(receivedAt, now), 6);

    [Fact]
    public void OldestUnprocessedAge_IsZero_WhenNothingWaits() =>
        Assert.Equal(0, ConsumerLag.OldestUnprocessedAgeSeconds(null, 1_700_000_000_000L));
}
