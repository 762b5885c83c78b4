using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Jericommerce.Streams.Worker.Consuming;

/// <summary>
/// The partitions this worker owns right now: the one record of them. Changed by the consume thread only (on
/// assignments and revocations); read there on every poll, and from other threads by the lag sampler and the metrics,
/// which see <see cref="All"/>, a copy published on each change so that the hot path takes no lock.
/// </summary>
internal sealed class OwnedPartitions
{
    private readonly Dictionary<TopicPartition, OwnedPartition> _byPartition = [];
    private volatile OwnedPartition[] _all = [];

    /// <summary>Every owned partition, as of the last assignment change; safe to read from any thread.</summary>
    public ImmutableArray<OwnedPartition> All => ImmutableCollectionsMarshal.AsImmutableArray(_all);

    public int Count => _all.Length;

    public void Add(OwnedPartition partition)
    {
        _byPartition[partition.Partition] = partition;
        Publish();
    }

    /// <summary>Consume thread only.</summary>
    public bool TryGet(TopicPartition partition, out OwnedPartition owned) => _byPartition.TryGetValue(partition, out owned!);

    /// <summary>Consume thread only.</summary>
    public OwnedPartition? Remove(TopicPartition partition)
    {
        if (!_byPartition.Remove(partition, out var removed))
        {
            return null;
        }

        Publish();
        return removed;
    }

    public void Clear()
    {
        _byPartition.Clear();
        Publish();
    }

    /// <summary>Whether the partition is owned now; safe from any thread.</summary>
    public bool Owns(TopicPartition partition) => Array.Exists(_all, p => p.Partition == partition);

    /// <summary>Each owned partition with its committed offset, read now; safe from any thread.</summary>
    public IReadOnlyList<PartitionPosition> Positions() => Array.ConvertAll(_all, p => new PartitionPosition(p.Partition, p.Committed));

    private void Publish() => _all = [.. _byPartition.Values];
}
