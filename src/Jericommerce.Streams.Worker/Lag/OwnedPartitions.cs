using System.Collections.Concurrent;
using Confluent.Kafka;
using Jericommerce.Streams.Worker.Pipeline;

namespace Jericommerce.Streams.Worker.Lag;

/// <summary>
/// The partitions this worker instance owns right now, for the lag measurements: written by the
/// consume thread (assignments, commits, revocations), read by the lag sampler and the metrics.
/// </summary>
internal sealed class OwnedPartitions
{
    private readonly ConcurrentDictionary<TopicPartition, OwnedPartition> _owned = new();

    public int Count => _owned.Count;

    public void Add(TopicPartition partition, Offset committed, PartitionProcessor processor) =>
        _owned[partition] = new OwnedPartition(partition, processor, committed.Value);

    public void Committed(TopicPartition partition, Offset offset)
    {
        if (_owned.TryGetValue(partition, out var owned))
        {
            owned.Committed = offset.Value;
        }
    }

    public void Remove(TopicPartition partition) => _owned.TryRemove(partition, out _);

    public void Clear() => _owned.Clear();

    public bool Owns(TopicPartition partition) => _owned.ContainsKey(partition);

    /// <summary>Each owned partition with its committed offset, read now.</summary>
    public IReadOnlyList<PartitionPosition> Positions() =>
        _owned.Values.Select(p => new PartitionPosition(p.Partition, p.Committed)).ToList();

    public IEnumerable<OwnedPartition> All => _owned.Values;
}
