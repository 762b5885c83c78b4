using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Jericommerce.Streams.LoadTests.Kafka;

/// <summary>
/// Counts what has been written to a set of topics: the sum of their partitions' high watermarks, in one
/// ListOffsets request (cheap enough to poll every 100 ms while a service runs flat out).
/// </summary>
internal sealed class OutputWatermarks : IDisposable
{
    private readonly IAdminClient _admin;
    private readonly List<TopicPartitionOffsetSpec> _partitions;

    public OutputWatermarks(string bootstrapServers, IEnumerable<(string Topic, int Partitions)> topics)
    {
        _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers, ClientId = "jcs-bench-watermarks" }).Build();
        _partitions = [.. topics.SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => new TopicPartitionOffsetSpec
        {
            TopicPartition = new TopicPartition(t.Topic, p),
            OffsetSpec = OffsetSpec.Latest(),
        }))];
    }

    public async Task<long> SumAsync()
    {
        var result = await _admin.ListOffsetsAsync(_partitions, new ListOffsetsOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
        return result.ResultInfos.Sum(info => Math.Max(0, info.TopicPartitionOffsetError.Offset.Value));
    }

    public void Dispose() => _admin.Dispose();
}
