using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Jericommerce.Streams.Worker.Pipeline;

namespace Jericommerce.Streams.Worker.Lag;

/// <summary>
/// Asks the brokers for watermarks (ListOffsets) and metadata through an admin client sharing the
/// output producer's handle and connections: never through the consumer, which only its consume
/// thread may touch, and whose cached watermarks stop moving while a partition is paused.
/// </summary>
internal sealed class WatermarkQuery(OutputProducer output) : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Lazy<IAdminClient> _admin = new(() => new DependentAdminClientBuilder(output.Handle).Build());

    /// <summary>Low and high watermarks of <paramref name="partitions"/>, asked now. Partitions in error are left out.</summary>
    public async Task<IReadOnlyDictionary<TopicPartition, Watermarks>> QueryAsync(IReadOnlyCollection<TopicPartition> partitions)
    {
        var high = await ListAsync(partitions, OffsetSpec.Latest());
        var low = await ListAsync(partitions, OffsetSpec.Earliest());
        var result = new Dictionary<TopicPartition, Watermarks>();
        foreach (var (partition, highOffset) in high)
        {
            if (low.TryGetValue(partition, out var lowOffset))
            {
                result[partition] = new Watermarks(lowOffset, highOffset);
            }
        }

        if (result.Count == 0 && partitions.Count > 0)
        {
            throw new KafkaException(new Error(ErrorCode.Local_TimedOut, "no watermark could be listed"));
        }

        return result;
    }

    /// <summary>Throws when no broker answers a metadata request in time.</summary>
    /// <remarks>
    /// A request for all topics, used only while no partition is owned: one naming a topic, through the producer's
    /// handle (which allows auto-creation), had the broker create that topic if missing, hiding it from the topology check.
    /// </remarks>
    public int Ping()
    {
        var metadata = _admin.Value.GetMetadata(Timeout);
        if (metadata.Brokers.Count == 0)
        {
            throw new KafkaException(new Error(ErrorCode.Local_AllBrokersDown, "no broker in the metadata"));
        }

        return metadata.Brokers.Count;
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }

    private async Task<Dictionary<TopicPartition, long>> ListAsync(IReadOnlyCollection<TopicPartition> partitions, OffsetSpec spec)
    {
        IEnumerable<ListOffsetsResultInfo> infos;
        try
        {
            var result = await _admin.Value.ListOffsetsAsync(
                partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = spec }),
                new ListOffsetsOptions { RequestTimeout = Timeout });
            infos = result.ResultInfos;
        }
        catch (ListOffsetsException ex)
        {
            // Some partitions failed (e.g. a leader moving): keep the ones that answered.
            infos = ex.Result.ResultInfos;
        }

        return infos
            .Select(i => i.TopicPartitionOffsetError)
            .Where(e => !e.Error.IsError && e.Offset.Value >= 0)
            .ToDictionary(e => e.TopicPartition, e => e.Offset.Value);
    }
}
