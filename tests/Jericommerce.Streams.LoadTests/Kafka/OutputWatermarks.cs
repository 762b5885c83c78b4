using System.Diagnostics;
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

    /// <summary>
    /// Waits until at least <paramref name="count"/> more records than <paramref name="baseline"/> are written and then
    /// nothing more for <paramref name="quiet"/>; gives up after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForAsync(long baseline, long count, TimeSpan quiet, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var last = await SumAsync();
        var lastChange = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < deadline && (last - baseline < count || Stopwatch.GetElapsedTime(lastChange) < quiet))
        {
            await Task.Delay(100, cancellationToken); // Sampling the output until it goes quiet: a measurement, with no failure to report.
            var now = await SumAsync();
            if (now != last)
            {
                last = now;
                lastChange = Stopwatch.GetTimestamp();
            }
        }
    }

    public void Dispose() => _admin.Dispose();
}
