using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Worker.Dedup;
using Jericommerce.Streams.Worker.Group;
using Jericommerce.Streams.Worker.Lag;
using Jericommerce.Streams.Worker.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>
/// The consume loop: one thread owns the consumer (polling, pausing, committing, rebalances) and
/// hands each assigned partition's records to its <see cref="PartitionProcessor"/>, which run
/// concurrently. Offsets are committed every <see cref="WorkerOptions.CommitInterval"/>, only up
/// to each partition's contiguous prefix of acknowledged records.
/// </summary>
internal sealed partial class RoutingEngine
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ParkedPollTimeout = TimeSpan.FromMilliseconds(1);

    // Processors that take nothing for this long are stuck, not slow: the consumer then pauses everything and polls
    // again, so that rebalances and the group are served while no record is taken.
    private static readonly TimeSpan StarvedHoldAfter = TimeSpan.FromSeconds(1);

    private readonly KafkaOptions _kafka;
    private readonly WorkerOptions _options;
    private readonly EventRouter _router;
    private readonly OutputProducer _output;
    private readonly ResiliencePipeline _retry;
    private readonly DedupRebuilder _rebuilder;
    private readonly WorkerMetrics _metrics;
    private readonly CircuitState _circuit;
    private readonly OwnedPartitions _owned;
    private readonly BufferBudget _budget;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly GroupProtocolSelection _groupProtocol;
    private readonly Dictionary<TopicPartition, PartitionProcessor> _processors = [];
    private readonly Dictionary<TopicPartition, Queue<ConsumeResult<byte[]?, byte[]?>>> _parked = [];
    private readonly Dictionary<TopicPartition, long> _committed = [];
    private readonly List<TopicPartition> _unparked = [];
    private long? _starvedSince;

    // Every assigned partition paused: the circuit is open, or the processors have taken nothing for StarvedHoldAfter.
    private bool _holding;

    // Assigned in the last rebalance callback, whose pause state the loop sets once the assignment is applied.
    private readonly List<TopicPartition> _freshlyAssigned = [];
    private volatile EngineState _state = EngineState.Starting;

    public RoutingEngine(
        IOptions<KafkaOptions> kafka,
        IOptions<WorkerOptions> options,
        EventRouter router,
        OutputProducer output,
        ResiliencePipelineProvider<string> pipelines,
        DedupRebuilder rebuilder,
        WorkerMetrics metrics,
        CircuitState circuit,
        OwnedPartitions owned,
        GroupProtocolSelection groupProtocol,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _groupProtocol = groupProtocol;
        _kafka = kafka.Value;
        _options = options.Value;
        _router = router;
        _output = output;
        _retry = pipelines.GetPipeline(ProduceResilience.PipelineKey);
        _rebuilder = rebuilder;
        _metrics = metrics;
        _circuit = circuit;
        _owned = owned;
        _budget = new BufferBudget(_options.BufferTotal);
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<RoutingEngine>();
    }

    public EngineState State => _state;

    /// <summary>
    /// The consumer's last client error (a refused TLS handshake, a failed authentication), for readiness to say why
    /// it is not ready. librdkafka's reasons name brokers and protocols, never a credential.
    /// </summary>
    public string? LastClientError { get; private set; }

    /// <summary>Runs until <paramref name="stopping"/> fires, then stops fetching, drains, commits and leaves the group.</summary>
    public void Run(CancellationToken stopping)
    {
        using var consumer = BuildConsumer();
        consumer.Subscribe(_options.RawTopic);
        _state = EngineState.WaitingForAssignment;
        LogStarted(_logger, _options.RawTopic, _options.GroupId);
        var nextCommit = _time.GetTimestamp();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                OfferParked(consumer);

                // While records are parked their partitions are paused, and a poll of all-paused partitions waits out its
                // whole timeout: wait and poll briefly then, so that parked records reach their processor as soon as it has room.
                var wait = _parked.Count > 0 ? ParkedPollTimeout : PollTimeout;
                var room = _budget.WaitForRoom(wait);
                FollowHold(consumer, starved: Starved(room));
                ResumeFreshAssignments(consumer);
                if (room || _holding)
                {
                    var record = consumer.Consume(room ? wait : TimeSpan.Zero);
                    if (record is { IsPartitionEOF: false })
                    {
                        Dispatch(consumer, record);
                    }
                }

                ThrowIfAnyProcessorFailed();
                if (_time.GetElapsedTime(nextCommit) >= _options.CommitInterval)
                {
                    Commit(consumer, _processors.Values);
                    nextCommit = _time.GetTimestamp();
                }
            }

            LogStopping(_logger, _processors.Count);

            // Drain and commit before leaving the group. Close() would do it through the revoke callback, but
            // a Close() that stalls (seen on the dev broker during a rebalance, until the host's shutdown
            // timeout ends the process) must not cost the commit: that turned a graceful stop into duplicates.
            var draining = _processors.Values.ToList();
            Task.WhenAll(draining.Select(p => p.StopAsync(_options.DrainTimeout))).GetAwaiter().GetResult();
            Commit(consumer, draining);

            // Close revokes every partition: each drains its in-flight records and commits them.
            consumer.Close();
            _output.Flush(TimeSpan.FromSeconds(5));
        }
        finally
        {
            foreach (var processor in _processors.Values)
            {
                processor.Abandon();
            }

            _owned.Clear();
            _state = EngineState.Stopped;
        }
    }

    /// <summary>The worker's consumer settings, before <c>Kafka:Client</c> overrides (also what the bench's copy ceiling uses).</summary>
    internal static ConsumerConfig CreateConsumerConfig(WorkerOptions options, GroupProtocol protocol)
    {
        var classic = protocol == GroupProtocol.Classic;
        var config = new ConsumerConfig
        {
            GroupId = options.GroupId,
            GroupProtocol = protocol,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            ClientId = "jcs-worker",

            // Through a backlog the prefetch queue is full most of the time, and librdkafka then waits this long before
            // fetching a partition again: at its default of a second, partitions ran dry while their next fetch waited
            // (make bench: the copy ceiling measured 105-118k or 230k events/s on the same code, depending on whether
            // it hit that wait; with 10 ms, the best of two backlogs was 184k and 230k in two runs).
            FetchQueueBackoffMs = 10,

            // librdkafka's prefetch is native memory the worker holds on top of its own buffers (BufferTotal), and it stays
            // full through a backlog. Worker-only make bench runs: the 64 MB default peaked at 317-354 MB, 16 MB at 260-288
            // MB; on server GC, alternating, 4 MB at 220-226 MB and 63-79k events/s (68-70 % of the ceiling) against 16 MB at
            // 258-270 MB and 62-96k (58-63 %). It refills within a fetch round trip, far less than BufferTotal lasts.
            QueuedMaxMessagesKbytes = 4 * 1024,
        };
        if (classic)
        {
            config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        }

        return config;
    }

    private IConsumer<byte[]?, byte[]?> BuildConsumer()
    {
        return new ConsumerBuilder<byte[]?, byte[]?>(_kafka.Apply(CreateConsumerConfig(_options, _groupProtocol.Protocol)))
            .SetPartitionsAssignedHandler((consumer, partitions) => OnAssigned(consumer, partitions))
            .SetPartitionsRevokedHandler((consumer, partitions) => OnRevoked(consumer, partitions))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .SetErrorHandler((_, error) =>
            {
                LastClientError = $"{error.Code}: {error.Reason}";
                LogKafkaError(_logger, error.Code, error.Reason);
            })
            .Build();
    }

    private void OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        if (partitions.Count == 0)
        {
            return;
        }

        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(30));
        foreach (var offset in committed)
        {
            var processor = new PartitionProcessor(
                offset.TopicPartition, _options, _router, _output, _retry, _rebuilder, _budget, _metrics, _time, _loggers.CreateLogger<PartitionProcessor>());
            _processors[offset.TopicPartition] = processor;
            _committed[offset.TopicPartition] = offset.Offset.Value;
            _owned.Add(offset.TopicPartition, offset.Offset, processor);
            processor.Start(offset.Offset);
        }

        _freshlyAssigned.AddRange(partitions);
        _state = EngineState.Assigned;
        LogAssigned(_logger, string.Join(", ", partitions.Select(p => p.Partition.Value)));
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        var revoked = partitions.Select(p => p.TopicPartition).Where(_processors.ContainsKey).Select(p => _processors[p]).ToList();
        Task.WhenAll(revoked.Select(p => p.StopAsync(_options.DrainTimeout))).GetAwaiter().GetResult();
        Commit(consumer, revoked);
        Forget(revoked.Select(p => p.Partition));
        LogRevoked(_logger, string.Join(", ", partitions.Select(p => p.Partition.Value)));
    }

    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        foreach (var partition in partitions)
        {
            if (_processors.TryGetValue(partition.TopicPartition, out var processor))
            {
                processor.Abandon();
            }
        }

        Forget(partitions.Select(p => p.TopicPartition));
        LogLost(_logger, string.Join(", ", partitions.Select(p => p.Partition.Value)));
    }

    private void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions.ToList())
        {
            _processors.Remove(partition);
            if (_parked.Remove(partition, out var parked))
            {
                _budget.GiveBack(parked.Count);
            }

            _committed.Remove(partition);
            _owned.Remove(partition);
        }

        // The retries that would have closed an open circuit belonged to the processors just dropped:
        // with none left, nothing would ever close it, and consumption would stay paused for good.
        if (_processors.Count == 0)
        {
            _circuit.Set(open: false);
        }

        _state = _processors.Count == 0 ? EngineState.WaitingForAssignment : EngineState.Assigned;
    }

    private void Dispatch(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> record)
    {
        if (!_processors.TryGetValue(record.TopicPartition, out var processor))
        {
            return;
        }

        _budget.Take();
        if (_parked.TryGetValue(record.TopicPartition, out var parked))
        {
            parked.Enqueue(record);
        }
        else if (!processor.TryOffer(record))
        {
            // The processor is behind (Kafka slow or failing): stop fetching this partition
            // rather than buffering without bound, and hand the record over once there is room.
            _parked[record.TopicPartition] = new Queue<ConsumeResult<byte[]?, byte[]?>>([record]);
            consumer.Pause([record.TopicPartition]);
        }
    }

    private void OfferParked(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_parked.Count == 0)
        {
            return;
        }

        // Runs on every poll while anything is parked: no copy of the dictionary (it was the consume loop's biggest
        // allocation); a partition emptied here is removed after the walk.
        foreach (var (partition, parked) in _parked)
        {
            var processor = _processors[partition];
            while (parked.TryPeek(out var record) && processor.TryOffer(record))
            {
                parked.Dequeue();
            }

            if (parked.Count == 0)
            {
                _unparked.Add(partition);
            }
        }

        foreach (var partition in _unparked)
        {
            _parked.Remove(partition);
            if (!_holding)
            {
                consumer.Resume([partition]);
            }
        }

        _unparked.Clear();
    }

    /// <summary>
    /// librdkafka keeps a partition's pause across rebalances: a partition paused (by the circuit or a
    /// full buffer) when it was revoked or lost stays paused once assigned again, and nothing here would
    /// resume it. So every new assignment is set explicitly: fetching, unless the circuit holds consumption.
    /// </summary>
    private void ResumeFreshAssignments(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_freshlyAssigned.Count == 0)
        {
            return;
        }

        var fresh = _freshlyAssigned.Where(_processors.ContainsKey).Distinct().ToList();
        _freshlyAssigned.Clear();
        if (_holding)
        {
            consumer.Pause(fresh);
        }
        else
        {
            consumer.Resume(fresh);
        }
    }

    private bool Starved(bool room)
    {
        if (room || _processors.Count == 0)
        {
            _starvedSince = null;
            return false;
        }

        _starvedSince ??= _time.GetTimestamp();
        return _time.GetElapsedTime(_starvedSince.Value) >= StarvedHoldAfter;
    }

    private void FollowHold(IConsumer<byte[]?, byte[]?> consumer, bool starved)
    {
        var hold = _circuit.IsOpen || starved;
        if (hold == _holding)
        {
            return;
        }

        _holding = hold;
        if (hold)
        {
            consumer.Pause(consumer.Assignment);
        }
        else
        {
            consumer.Resume(consumer.Assignment.Where(p => !_parked.ContainsKey(p)).ToList());
        }
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<PartitionProcessor> processors)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var processor in processors)
        {
            var committable = processor.Committable;
            if (committable != Offset.Unset && (!_committed.TryGetValue(processor.Partition, out var last) || committable.Value > last))
            {
                offsets.Add(new TopicPartitionOffset(processor.Partition, committable));
            }
        }

        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
            foreach (var offset in offsets)
            {
                _committed[offset.TopicPartition] = offset.Offset.Value;
                _owned.Committed(offset.TopicPartition, offset.Offset);
            }
        }
        catch (KafkaException ex)
        {
            // Not fatal: the same offsets (or later ones) are committed on the next round.
            LogCommitFailed(_logger, ex.Error.Code, ex.Error.Reason);
        }
    }

    private void ThrowIfAnyProcessorFailed()
    {
        foreach (var processor in _processors.Values)
        {
            if (processor.Completion.IsFaulted)
            {
                var error = processor.Completion.Exception!.GetBaseException();
                LogProcessorFailed(_logger, error, processor.Partition.Topic, processor.Partition.Partition.Value);
                throw new InvalidOperationException($"Partition {processor.Partition} cannot go on: {error.Message}", error);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Routing {Topic} as group {GroupId}")]
    private static partial void LogStarted(ILogger logger, string topic, string groupId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Assigned partitions {Partitions}")]
    private static partial void LogAssigned(ILogger logger, string partitions);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Revoked partitions {Partitions}: drained and committed")]
    private static partial void LogRevoked(ILogger logger, string partitions);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Lost partitions {Partitions}: abandoned without committing")]
    private static partial void LogLost(ILogger logger, string partitions);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Stopping: draining {Partitions} partitions, committing, leaving the group")]
    private static partial void LogStopping(ILogger logger, int partitions);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Offset commit failed ({Code}: {Reason}); retrying on the next round")]
    private static partial void LogCommitFailed(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Kafka: {Code}: {Reason}")]
    private static partial void LogKafkaError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Critical, Message = "Partition {Topic}[{Partition}] failed; the worker stops so that it restarts clean")]
    private static partial void LogProcessorFailed(ILogger logger, Exception exception, string topic, int partition);
}
