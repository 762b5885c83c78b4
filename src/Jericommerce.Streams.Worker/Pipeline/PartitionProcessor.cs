using System.Collections.Concurrent;
using System.Threading.Channels;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Worker.Dedup;
using Jericommerce.Streams.Worker.Diagnostics;
using Jericommerce.Streams.Worker.Routing;
using Microsoft.Extensions.Logging;
using Polly;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>
/// Processes one raw partition's records in offset order: the <see cref="EventRouter"/> decides where each one goes,
/// and its output is handed to the producer. Outputs are pipelined (many produces in
/// flight, none awaited one by one); acknowledgements are taken in offset order, so the committable
/// offset only ever covers a contiguous prefix of records whose output Kafka has acknowledged.
/// When a delivery fails, nothing new is handed over until every earlier produce has finished and
/// each failed one has been written again, in order, under the retry pipeline.
/// </summary>
internal sealed partial class PartitionProcessor
{
    private static readonly Task<DeliveryResult<byte[]?, byte[]?>> NothingToWrite =
        Task.FromResult(new DeliveryResult<byte[]?, byte[]?>());

    private readonly Channel<ConsumeResult<byte[]?, byte[]?>> _buffer;
    private readonly Queue<InFlightRecord> _inFlight = new();

    /// <summary>Receipt times (Unix ms; <see cref="long.MinValue"/> when unknown) of the records taken and not done, in offset order.</summary>
    private readonly ConcurrentQueue<long> _pendingReceivedAt = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly EventRouter _router;
    private readonly OutputProducer _output;
    private readonly DeliveryRecovery _recovery;
    private readonly DedupWindow _window;
    private readonly DedupRebuilder _rebuilder;
    private readonly BufferBudget _budget;
    private readonly WorkerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxInFlight;
    private readonly string _spanName;
    private long _committable = Offset.Unset.Value;
    private volatile bool _stopping;
    private Task _run = Task.CompletedTask;

    public PartitionProcessor(
        TopicPartition partition,
        WorkerOptions options,
        EventRouter router,
        OutputProducer output,
        ResiliencePipeline retry,
        DedupRebuilder rebuilder,
        BufferBudget budget,
        WorkerMetrics metrics,
        TimeProvider time,
        ILogger logger)
    {
        Partition = partition;
        _router = router;
        _output = output;
        _recovery = new DeliveryRecovery(partition, router, output, retry, metrics, logger);
        _rebuilder = rebuilder;
        _budget = budget;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _maxInFlight = options.MaxInFlightPerPartition;
        _spanName = "process " + partition.Topic;
        _window = new DedupWindow(options.DedupWindow, options.DedupMaxEntriesPerPartition);
        _buffer = Channel.CreateBounded<ConsumeResult<byte[]?, byte[]?>>(new BoundedChannelOptions(options.BufferPerPartition)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public TopicPartition Partition { get; }

    /// <summary>The offset to commit: every record before it is done. Unset until one is.</summary>
    public Offset Committable => new(Interlocked.Read(ref _committable));

    /// <summary>
    /// When the ingress received the oldest record handed to this partition and not yet done
    /// (in flight, being retried, or still buffered), Unix ms; null when none waits. Safe to read
    /// from any thread; a record moving from the buffer to the producer may be missed for a moment.
    /// </summary>
    public long? OldestUnprocessedReceivedAt
    {
        get
        {
            if (_pendingReceivedAt.TryPeek(out var receivedAt))
            {
                return receivedAt == long.MinValue ? null : receivedAt;
            }

            return _buffer.Reader.TryPeek(out var buffered) ? EventRouter.ReceivedAt(buffered) : null;
        }
    }

    /// <summary>Faults when the partition cannot go on (a fatal producer error).</summary>
    public Task Completion => _run;

    /// <summary>Starts processing; first rebuilds the dedup window from the records before <paramref name="committed"/>.</summary>
    public void Start(Offset committed) => _run = Task.Run(() => RunAsync(committed));

    /// <summary>False when the buffer is full: the consumer must pause this partition and offer it again later.</summary>
    public bool TryOffer(ConsumeResult<byte[]?, byte[]?> record) => _buffer.Writer.TryWrite(record);

    /// <summary>
    /// Takes no more records and waits for the in-flight ones up to <paramref name="drainTimeout"/>,
    /// then abandons the rest. Buffered records not yet handed over are left to the next owner.
    /// </summary>
    public async Task StopAsync(TimeSpan drainTimeout)
    {
        _stopping = true;
        _buffer.Writer.TryComplete();
        if (await Task.WhenAny(_run, Task.Delay(drainTimeout, _time)) != _run)
        {
            LogAbandoned(_logger, Partition.Topic, Partition.Partition.Value, _inFlight.Count);
            await _abandon.CancelAsync();
        }

        await _run.ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    /// <summary>Stops at once, finishing nothing: the partition was lost and another worker owns it.</summary>
    public void Abandon()
    {
        _stopping = true;
        _buffer.Writer.TryComplete();
        _abandon.Cancel();
    }

    private async Task RunAsync(Offset committed)
    {
        var cancellationToken = _abandon.Token;
        try
        {
            await _rebuilder.RebuildAsync(Partition, committed, _window, cancellationToken);
            var reader = _buffer.Reader;
            Task<bool>? more = null;
            while (!_stopping)
            {
                while (!_stopping && reader.TryRead(out var record))
                {
                    _budget.GiveBack();
                    // An output that failed at once (full producer queue, schema id not known yet) is written again
                    // before anything after it is handed over, so that no later record of its key overtakes it.
                    var failedAtOnce = Submit(record).IsFaulted;
                    await DrainAsync(failedAtOnce ? 0 : _maxInFlight - 1, cancellationToken);
                }

                // Nothing is waiting: take what is acknowledged off the head (so the offset moves on), then wait for
                // whichever comes first, a new record or the head's ack. Waiting for every ack before taking new
                // records would stall the partition for a produce round trip each time its buffer runs dry.
                await DrainAsync(int.MaxValue, cancellationToken);
                more ??= reader.WaitToReadAsync(cancellationToken).AsTask();
                if (!more.IsCompleted)
                {
                    await (_inFlight.TryPeek(out var head) ? Task.WhenAny(more, head.Ack) : (Task)more);
                }

                if (more.IsCompleted)
                {
                    if (!await more)
                    {
                        break;
                    }

                    more = null;
                }
            }

            await DrainAsync(0, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Abandoned: whatever is not committed will be processed again by the next owner.
        }
        finally
        {
            // Records never taken are the next owner's; the room they held is the other partitions'.
            var left = 0;
            while (_buffer.Reader.TryRead(out _))
            {
                left++;
            }

            _budget.GiveBack(left);
        }
    }

    private Task Submit(ConsumeResult<byte[]?, byte[]?> record)
    {
        var started = _time.GetTimestamp();
        _metrics.Consumed();
        var receivedAt = EventRouter.ReceivedAt(record);
        _pendingReceivedAt.Enqueue(receivedAt ?? long.MinValue);
        var span = WorkerTracing.StartRecord(_spanName, record);
        var decision = _router.Decide(record, _window, receivedAt);
        WorkerTracing.Propagate(span, decision.Output);
        var ack = decision.Kind == RouteKind.Duplicate ? NothingToWrite : _output.SendAsync(decision.Topic!, decision.Output!);
        _inFlight.Enqueue(new InFlightRecord(record, decision, ack, started, receivedAt, span));
        return ack;
    }

    /// <summary>
    /// Takes records off the head while their acks are in, and waits for the head's ack while more than
    /// <paramref name="maxRemaining"/> are in flight.
    /// </summary>
    private async Task DrainAsync(int maxRemaining, CancellationToken cancellationToken)
    {
        while (_inFlight.TryPeek(out var head) && (_inFlight.Count > maxRemaining || head.Ack.IsCompleted))
        {
            try
            {
                await head.Ack.WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !ProduceFailures.IsFatal(ex))
            {
                await _recovery.RecoverAsync(_inFlight, Done, cancellationToken);
                continue;
            }

            Done(_inFlight.Dequeue());
        }
    }

    private void Done(InFlightRecord item)
    {
        var decision = item.Decision;
        switch (decision.Kind)
        {
            case RouteKind.Typed:
                _metrics.Routed(decision.Label, decision.Contract!);
                break;
            case RouteKind.DeadLetter:
                _metrics.DeadLettered(decision.Label);
                LogDeadLettered(_logger, Partition.Topic, Partition.Partition.Value, item.Source.Offset.Value, decision.Label, item.Source.Message.Headers.GetText(RecordHeaders.RequestId), EventTypeForLog(item.Source));
                break;
            default:
                _metrics.Deduplicated(decision.Label);
                break;
        }

        var receivedAt = item.ReceivedAt;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _metrics.Processed(
            _time.GetElapsedTime(item.StartedAt),
            decision.Kind == RouteKind.Duplicate || receivedAt is null ? null : TimeSpan.FromMilliseconds(Math.Max(0, now - receivedAt.Value)));
        WorkerTracing.Stop(item.Span, decision);
        Interlocked.Exchange(ref _committable, item.Source.Offset.Value + 1);
        _pendingReceivedAt.TryDequeue(out _);
    }

    /// <summary>The event type header as the sender wrote it, cut short for the logs.</summary>
    private static string? EventTypeForLog(ConsumeResult<byte[]?, byte[]?> record)
    {
        var type = record.Message.Headers.GetText(RecordHeaders.EventTypeReceived);
        return type is { Length: > 128 } ? type[..128] : type;
    }

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Dead-lettered {Topic}[{Partition}]@{Offset} as {ErrorKind} (request {RequestId}, event type {EventType})")]
    private static partial void LogDeadLettered(ILogger logger, string topic, int partition, long offset, string errorKind, string? requestId, string? eventType);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Topic}[{Partition}] did not drain in time: {InFlight} in-flight records abandoned to the next owner")]
    private static partial void LogAbandoned(ILogger logger, string topic, int partition, int inFlight);
}
