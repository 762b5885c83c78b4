using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Worker.Group;
using Jericommerce.Streams.Worker.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Consuming;

/// <summary>
/// The consume loop: one thread owns the Kafka consumer (polling, pausing, committing, rebalances) and hands each owned
/// partition's records to its <see cref="PartitionProcessor"/>; processors run concurrently. What it may fetch is
/// <see cref="FlowControl"/>'s call, what it commits <see cref="OffsetCommitter"/>'s, and what happens on a rebalance
/// <see cref="RebalanceHandler"/>'s. A processor that cannot go on stops the loop, and with it the worker.
/// </summary>
internal sealed partial class ConsumeLoop
{
    private readonly KafkaOptions _kafka;
    private readonly WorkerOptions _options;
    private readonly OutputProducer _output;
    private readonly OwnedPartitions _partitions;
    private readonly GroupProtocolSelection _groupProtocol;
    private readonly FlowControl _flow;
    private readonly OffsetCommitter _commits;
    private readonly RebalanceHandler _rebalances;
    private readonly ILogger _logger;
    private volatile bool _subscribed;
    private volatile bool _stopped;

    public ConsumeLoop(
        IOptions<KafkaOptions> kafka,
        IOptions<WorkerOptions> options,
        PartitionProcessorFactory processors,
        OutputProducer output,
        OwnedPartitions partitions,
        ProduceCircuit circuit,
        GroupProtocolSelection groupProtocol,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _kafka = kafka.Value;
        _options = options.Value;
        _output = output;
        _partitions = partitions;
        _groupProtocol = groupProtocol;
        _logger = loggers.CreateLogger<ConsumeLoop>();
        _flow = new FlowControl(partitions, new ConsumptionHold(circuit, time), _options.BufferTotal);
        _commits = new OffsetCommitter(_options.CommitInterval, time, loggers.CreateLogger<OffsetCommitter>());
        _rebalances = new RebalanceHandler(partitions, processors, _flow, _commits, circuit, _options.DrainTimeout, loggers.CreateLogger<RebalanceHandler>());
    }

    public ConsumeLoopState State =>
        _stopped ? ConsumeLoopState.Stopped
        : !_subscribed ? ConsumeLoopState.Starting
        : _partitions.Count == 0 ? ConsumeLoopState.WaitingForAssignment
        : ConsumeLoopState.Assigned;

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
        _subscribed = true;
        LogStarted(_logger, _options.RawTopic, _options.GroupId);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (_flow.BeforePoll(consumer) is { } wait && consumer.Consume(wait) is { IsPartitionEOF: false } record)
                {
                    _flow.Dispatch(consumer, record);
                }

                ThrowIfAnyProcessorFailed();
                if (_commits.IsDue)
                {
                    _commits.CommitDue(consumer, _partitions.All);
                }
            }

            LogStopping(_logger, _partitions.Count);

            // Drain and commit before leaving the group. Close() would do it through the revoke callback, but a Close()
            // that stalls (seen on the dev broker during a rebalance, until the host's shutdown timeout ends the
            // process) must not cost the commit: that turned a graceful stop into duplicates.
            _rebalances.DrainAndCommit(consumer, _partitions.All);

            // Close revokes every partition: each drains what is left in flight and commits it.
            consumer.Close();
            _output.Flush(TimeSpan.FromSeconds(5));
        }
        finally
        {
            foreach (var partition in _partitions.All)
            {
                partition.Processor.Abandon();
            }

            _partitions.Clear();
            _stopped = true;
        }
    }

    private IConsumer<byte[]?, byte[]?> BuildConsumer() =>
        new ConsumerBuilder<byte[]?, byte[]?>(_kafka.Apply(ConsumerConfiguration.Create(_options, _groupProtocol.Protocol)))
            .SetPartitionsAssignedHandler(_rebalances.OnAssigned)
            .SetPartitionsRevokedHandler(_rebalances.OnRevoked)
            .SetPartitionsLostHandler((_, partitions) => _rebalances.OnLost(partitions))
            .SetErrorHandler((_, error) =>
            {
                LastClientError = $"{error.Code}: {error.Reason}";
                LogKafkaError(_logger, error.Code, error.Reason);
            })
            .Build();

    private void ThrowIfAnyProcessorFailed()
    {
        foreach (var partition in _partitions.All)
        {
            var completion = partition.Processor.Completion;
            if (completion.IsFaulted)
            {
                var error = completion.Exception!.GetBaseException();
                LogProcessorFailed(_logger, error, partition.Partition.Topic, partition.Partition.Partition.Value);
                throw new InvalidOperationException($"Partition {partition.Partition} cannot go on: {error.Message}", error);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Routing {Topic} as group {GroupId}")]
    private static partial void LogStarted(ILogger logger, string topic, string groupId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Stopping: draining {Partitions} partitions, committing, leaving the group")]
    private static partial void LogStopping(ILogger logger, int partitions);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Kafka: {Code}: {Reason}")]
    private static partial void LogKafkaError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Critical, Message = "Partition {Topic}[{Partition}] failed; the worker stops so that it restarts clean")]
    private static partial void LogProcessorFailed(ILogger logger, Exception exception, string topic, int partition);
}
