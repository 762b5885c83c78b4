using System.Text;
using Jericommerce.Streams.DevKafka;
using Jericommerce.Streams.Worker.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Jericommerce.Streams.Worker.Tests.Pipeline;

/// <summary>
/// A revoked partition's processor drains on the worker's clock: it waits for its in-flight records' acks up to
/// <c>Worker:DrainTimeout</c> and then abandons them to the next owner, committing nothing it was not acknowledged.
/// The worker's services run on a fake clock against a dev broker of the test's own, whose answers can be held back.
/// </summary>
public sealed class PartitionProcessorDrainTests : IAsyncLifetime
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly CapturedLogs _logs = new();
    private readonly BufferBudget _budget = new(16);
    private DevKafkaCluster _cluster = null!;
    private PipelineTopics _topics = null!;
    private WebApplication _worker = null!;
    private long _nextOffset;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _cluster = DevKafkaCluster.Start();
        _topics = await PipelineTopics.CreateAsync(_cluster, rawPartitions: 1);

        // The worker's services, not started: the test plays the consume loop and owns the clock.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(_topics.Settings(_cluster.BootstrapServers));
        builder.Logging.AddProvider(_logs);
        builder.AddWorker();
        builder.Services.AddSingleton<TimeProvider>(_time);
        _worker = builder.Build();
    }

    [Fact]
    public async Task Stop_WhenTheAcksDoNotComeInTime_AbandonsTheInFlightRecordsAtTheDrainTimeout_AndCommitsOnlyWhatWasAcknowledged()
    {
        var processor = StartProcessor();
        Offer(processor);
        await Eventually.UntilAsync(() => processor.Committable.Value == 1, () => $"the first record to be acknowledged; committable {processor.Committable}", TimeSpan.FromSeconds(30), Cancel);

        _cluster.SetRoundTripTime(TimeSpan.FromMinutes(10));
        Offer(processor);
        await Eventually.UntilAsync(() => processor.OldestUnprocessedReceivedAt is not null && _budget.Held == 0, () => "the second record to be handed to the producer", TimeSpan.FromSeconds(30), Cancel);
        var stop = processor.StopAsync(DrainTimeout);

        _time.Advance(DrainTimeout - TimeSpan.FromMilliseconds(1));
        await LetThePoolRunAsync();
        Assert.DoesNotContain(_logs.Entries, e => e.EventId == 201);
        Assert.False(stop.IsCompleted, "the processor stopped waiting for its in-flight record before the drain timeout");

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await stop.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        Assert.Equal(1, processor.Committable.Value);
        Assert.Contains(_logs.Entries, e => e.EventId == 201 && e.Message.Contains("1 in-flight records abandoned", StringComparison.Ordinal));

        _cluster.SetRoundTripTime(TimeSpan.Zero);
    }

    [Fact]
    public async Task Stop_WhenTheAcksCome_FinishesTheInFlightRecordsWithoutWaitingForTheDrainTimeout()
    {
        var processor = StartProcessor();
        _cluster.SetRoundTripTime(TimeSpan.FromMilliseconds(300));
        Offer(processor);
        Offer(processor);
        await Eventually.UntilAsync(() => _budget.Held == 0, () => "both records to be handed to the producer", TimeSpan.FromSeconds(30), Cancel);

        // The fake clock never moves: only the acks can end the drain.
        await processor.StopAsync(DrainTimeout).WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.Equal(2, processor.Committable.Value);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId == 201);
    }

    public async ValueTask DisposeAsync()
    {
        _cluster.SetRoundTripTime(TimeSpan.Zero);
        await _worker.DisposeAsync();
        await _cluster.DisposeAsync();
        _logs.Dispose();
    }

    private PartitionProcessor StartProcessor()
    {
        var processor = _worker.Services.GetRequiredService<PartitionProcessorFactory>().Create(new TopicPartition(_topics.Raw, 0), _budget);
        processor.Start(Offset.Beginning);
        return processor;
    }

    /// <summary>
    /// What the fake clock sets off (the drain's timer, then the abandon) goes on on the thread pool: give it a few
    /// turns of the pool before looking, so that a timeout that fired early has shown itself (no wait on the real clock).
    /// </summary>
    private static async Task LetThePoolRunAsync()
    {
        for (var i = 0; i < 5; i++)
        {
            await Task.Run(static () => { }, Cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Hands the processor the next raw record, as the consume loop does: counted against the budget first.</summary>
    private void Offer(PartitionProcessor processor)
    {
        var offset = _nextOffset++;
        var body = RawRecords.Example("customer-scanned.valid.json", $"evt-drain-{offset}");
        var headers = new Headers()
            .AddText(RecordHeaders.EventTypeReceived, "Customer scanned")
            .AddText(RecordHeaders.ReceivedAt, _time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var record = new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset(_topics.Raw, 0, offset),
            Message = new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes("cus-drain"), Value = body, Headers = headers },
        };
        _budget.Take();
        Assert.True(processor.TryOffer(record), "the processor's buffer refused a record");
    }
}
