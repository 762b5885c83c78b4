using Confluent.Kafka;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Cli.Common;

/// <summary>
/// Reads partitions from chosen offsets without joining a group: up to the end they had when the scan began
/// (<c>tail</c> without <c>--follow</c>, <c>dlq list</c>), or on and on (<c>--follow</c>).
/// </summary>
internal sealed class TopicScanner : IDisposable
{
    private readonly KafkaOptions _kafka;
    private readonly IAdminClient _admin;
    private readonly IConsumer<byte[]?, byte[]?> _consumer;

    public TopicScanner(KafkaOptions kafka)
    {
        _kafka = kafka;
        _admin = KafkaClients.Admin(kafka);
        _consumer = KafkaClients.Reader(kafka);
    }

    /// <summary>Whether <paramref name="topic"/> exists, from a metadata request for all topics (naming it could auto-create it).</summary>
    public bool Exists(string topic) =>
        KafkaClients.Metadata(_admin, _kafka).Topics.Any(t => t.Topic == topic && !t.Error.IsError && t.Partitions.Count > 0);

    /// <summary>First and next offsets of every partition of these topics (all must exist).</summary>
    public IReadOnlyList<PartitionRange> Ranges(IEnumerable<string> topics, int? onlyPartition = null)
    {
        var metadata = KafkaClients.Metadata(_admin, _kafka);
        var ranges = new List<PartitionRange>();
        foreach (var topic in topics)
        {
            var partitions = KafkaClients.Partitions(metadata, topic, _kafka.BootstrapServers);
            if (onlyPartition is { } only && !partitions.Contains(only))
            {
                throw CliException.Usage($"topic {topic} has no partition {only} (it has {partitions.Count})");
            }

            foreach (var partition in partitions.Where(p => onlyPartition is null || p == onlyPartition))
            {
                var tp = new TopicPartition(topic, partition);
                var marks = _consumer.QueryWatermarkOffsets(tp, KafkaClients.MetadataTimeout);
                ranges.Add(new PartitionRange(tp, marks.Low.Value, marks.High.Value));
            }
        }

        return ranges;
    }

    /// <summary>
    /// Calls <paramref name="onRecord"/> for each record from each range's start; returns when every partition
    /// reached its end (unless <paramref name="follow"/>), when <paramref name="onRecord"/> returns false, or on
    /// cancellation (which is not an error here: Ctrl-C is how a follow ends).
    /// </summary>
    public Task ScanAsync(IReadOnlyList<(PartitionRange Range, long Start)> from, bool follow, Func<ConsumeResult<byte[]?, byte[]?>, bool> onRecord, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                var pending = from.Where(f => follow || f.Start < f.Range.End).ToDictionary(f => f.Range.Partition, f => f.Range.End);
                if (pending.Count == 0)
                {
                    return;
                }

                _consumer.Assign(from.Where(f => pending.ContainsKey(f.Range.Partition)).Select(f => new TopicPartitionOffset(f.Range.Partition, f.Start)));
                try
                {
                    while (!cancellationToken.IsCancellationRequested && pending.Count > 0)
                    {
                        var result = _consumer.Consume(TimeSpan.FromMilliseconds(200));
                        if (result is null)
                        {
                            continue;
                        }

                        if (!pending.TryGetValue(result.TopicPartition, out var end))
                        {
                            continue;
                        }

                        if (result.IsPartitionEOF)
                        {
                            // Caught up. Without --follow the partition is done, even short of the end it had at
                            // the start (retention may have removed records meanwhile).
                            if (!follow)
                            {
                                pending.Remove(result.TopicPartition);
                            }

                            continue;
                        }

                        if (!follow && result.Offset.Value >= end)
                        {
                            pending.Remove(result.TopicPartition);
                            continue;
                        }

                        if (!onRecord(result))
                        {
                            return;
                        }

                        if (!follow && result.Offset.Value + 1 >= end)
                        {
                            pending.Remove(result.TopicPartition);
                        }
                    }
                }
                finally
                {
                    _consumer.Unassign();
                }
            },
            CancellationToken.None);

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
        _admin.Dispose();
    }
}
