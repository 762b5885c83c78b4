using System.Buffers.Text;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.LoadTests.Kafka;

/// <summary>
/// Reads the typed topics and the dead-letter topic while the end-to-end load runs: counts each event id (by its
/// sequence number) and takes its latency as the time it is read here minus its <c>jc-received-at</c> (the
/// ingress's receipt time, Unix ms). The dev broker keeps the producer's timestamps (no LogAppendTime), so the
/// read time stands in for the typed-topic ack: an upper bound by this consumer's fetch round trip (fetch wait 1 ms).
/// </summary>
internal sealed class DownstreamTracker : IDisposable
{
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly WebhookRequests _requests;
    private readonly long _firstSequence;
    private readonly byte[] _seen;
    private readonly bool[] _accepted;
    private readonly int[] _latencyMs;
    private readonly string _deadLetterTopic;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private long _read;
    private long _deadLettered;
    private long _foreign;

    /// <param name="fetchWaitMs">
    /// The consumer's <c>fetch.wait.max.ms</c>: 1 adds the least to the latency read, but the dev broker answers every
    /// fetch within it and walks each partition's log to do so, so the whole-stack phase reads as a user's own
    /// consumer would, with the dev stack's wait.
    /// </param>
    public DownstreamTracker(string bootstrapServers, IEnumerable<(string Topic, int Partitions)> topics, string deadLetterTopic, WebhookRequests requests, long firstSequence, int capacity, int fetchWaitMs = 1)
    {
        _requests = requests;
        _firstSequence = firstSequence;
        _deadLetterTopic = deadLetterTopic;
        _seen = new byte[capacity];
        _accepted = new bool[capacity];
        _latencyMs = new int[capacity];
        Array.Fill(_latencyMs, -1);
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "jcs-bench-tracker",
            ClientId = "jcs-bench-tracker",
            EnableAutoCommit = false,
            FetchWaitMaxMs = fetchWaitMs,
            FetchErrorBackoffMs = 1,
        }).Build();
        _consumer.Assign(topics.SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => new TopicPartitionOffset(t.Topic, p, Offset.Beginning))));
        _thread = new Thread(Run) { IsBackground = true, Name = "downstream tracker" };
        _thread.Start();
    }

    /// <summary>Records read so far (typed and dead letters).</summary>
    public long Read => Interlocked.Read(ref _read);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Records whose id is not one of the tracked range (the warm-up burst's).</summary>
    public long Foreign => Interlocked.Read(ref _foreign);

    /// <summary>Marks an event the ingress answered 202 for (thread-safe: each sequence number is accepted once).</summary>
    public void Accept(long sequence) => _accepted[sequence - _firstSequence] = true;

    /// <summary>Waits until every accepted event has been read, or nothing new arrived for <paramref name="quiet"/>.</summary>
    public async Task WaitForAllAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        var last = Read;
        var lastChange = DateTime.UtcNow;
        while (DateTime.UtcNow - lastChange < quiet)
        {
            if (Completeness().Missing == 0)
            {
                return;
            }

            await Task.Delay(100, cancellationToken); // Sampling until quiet: a measurement, with no failure to report.
            if (Read != last)
            {
                last = Read;
                lastChange = DateTime.UtcNow;
            }
        }
    }

    /// <summary>
    /// Waits until records of other ids (a warm-up burst) stop arriving: at least <paramref name="expected"/> of
    /// them read, or nothing new for <paramref name="quiet"/>; at most <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForQuietAsync(long expected, TimeSpan quiet, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = Read;
        var lastChange = DateTime.UtcNow;

        // Quiet counts only once records flow: the worker may still be joining its group.
        while (DateTime.UtcNow < deadline && Foreign < expected && (Read == 0 || DateTime.UtcNow - lastChange < quiet))
        {
            await Task.Delay(100, cancellationToken); // Sampling until quiet: a measurement, with no failure to report.
            if (Read != last)
            {
                last = Read;
                lastChange = DateTime.UtcNow;
            }
        }
    }

    public Completeness Completeness()
    {
        long accepted = 0;
        long once = 0;
        long missing = 0;
        long duplicated = 0;
        long unexpected = 0;
        for (var i = 0; i < _seen.Length; i++)
        {
            var seen = Volatile.Read(ref _seen[i]);
            if (_accepted[i])
            {
                accepted++;
                once += seen == 1 ? 1 : 0;
                missing += seen == 0 ? 1 : 0;
                duplicated += seen > 1 ? 1 : 0;
            }
            else if (seen > 0)
            {
                unexpected++;
            }
        }

        return new Completeness(accepted, once, missing, duplicated, unexpected, DeadLettered, Foreign);
    }

    /// <summary>Latency (ms) of the events with sequence numbers in [from, to) that were read.</summary>
    public IEnumerable<int> LatenciesMs(long from, long to)
    {
        for (var sequence = from; sequence < to; sequence++)
        {
            var index = sequence - _firstSequence;
            if (index >= 0 && index < _latencyMs.Length && _latencyMs[index] >= 0)
            {
                yield return _latencyMs[index];
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]?>? record;
            try
            {
                record = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            }
            catch (ConsumeException)
            {
                continue;
            }

            if (record is null || record.IsPartitionEOF)
            {
                continue;
            }

            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Interlocked.Increment(ref _read);
            if (record.Topic == _deadLetterTopic)
            {
                Interlocked.Increment(ref _deadLettered);
                continue;
            }

            var headers = record.Message.Headers;
            var index = headers.TryGetLastBytes(RecordHeaders.EventId, out var id) && _requests.SequenceOf(id) is var sequence and >= 0
                ? sequence - _firstSequence
                : -1;
            if (index < 0 || index >= _seen.Length)
            {
                Interlocked.Increment(ref _foreign);
                continue;
            }

            var count = _seen[index];
            _seen[index] = (byte)Math.Min(count + 1, 255);
            if (count == 0 && headers.TryGetLastBytes(RecordHeaders.ReceivedAt, out var receivedBytes)
                && Utf8Parser.TryParse(receivedBytes, out long receivedAt, out _))
            {
                _latencyMs[index] = (int)Math.Max(0, now - receivedAt);
            }
        }
    }
}
