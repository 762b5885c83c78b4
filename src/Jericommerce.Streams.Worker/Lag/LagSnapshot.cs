namespace Jericommerce.Streams.Worker.Lag;

/// <summary>The lag of the owned partitions, as measured at <see cref="TakenAt"/>.</summary>
internal sealed record LagSnapshot(IReadOnlyList<PartitionLag> Partitions, DateTimeOffset TakenAt)
{
    public static readonly LagSnapshot Empty = new([], DateTimeOffset.MinValue);
}
