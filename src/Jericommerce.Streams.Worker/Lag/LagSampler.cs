using System.Globalization;
using Confluent.Kafka;
using Jericommerce.Streams.Worker.Consuming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Lag;

/// <summary>
/// Measures the consumer lag of the partitions this worker owns every
/// <see cref="WorkerOptions.LagSampleInterval"/>: reads the committed offsets the worker keeps
/// for itself, then lists the watermarks from the brokers. With no partition owned it asks for
/// metadata instead, so that every round also tells whether a broker answers (the worker's
/// readiness). No group admin API is used: the dev broker has none, and a worker knows its own
/// partitions and commits.
/// </summary>
internal sealed partial class LagSampler(
    OwnedPartitions owned,
    WatermarkQuery watermarks,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<LagSampler> logger) : BackgroundService
{
    private readonly TimeSpan _interval = options.Value.LagSampleInterval;
    private volatile LagSnapshot _latest = LagSnapshot.Empty;
    private volatile BrokerContact? _contact;

    /// <summary>The last measurement (partitions no longer owned may still be in it: filter with <see cref="OwnedPartitions.Owns"/>).</summary>
    public LagSnapshot Latest => _latest;

    /// <summary>
    /// Whether the last round reached a broker, and did so recently: a round stuck on a dead
    /// connection ends after <see cref="WatermarkQuery.Timeout"/> at the latest.
    /// </summary>
    public bool BrokerReachable(out string detail)
    {
        var contact = _contact;
        if (contact is null)
        {
            detail = "no broker contact yet";
            return false;
        }

        var age = time.GetElapsedTime(contact.At);
        if (age > (3 * _interval) + WatermarkQuery.Timeout)
        {
            detail = string.Create(CultureInfo.InvariantCulture, $"no broker contact for {age.TotalSeconds:F0} s");
            return false;
        }

        detail = contact.Detail;
        return contact.Reached;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The metadata call blocks: keep it off the host's start-up.
        await Task.Yield();
        using var timer = new PeriodicTimer(_interval, time);
        try
        {
            do
            {
                await SampleAsync();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SampleAsync()
    {
        // Committed offsets first: the watermarks listed after them are at least as new.
        var positions = owned.Positions();
        try
        {
            if (positions.Count == 0)
            {
                var brokers = watermarks.Ping();
                _latest = LagSnapshot.Empty;
                Record(new BrokerContact(true, string.Create(CultureInfo.InvariantCulture, $"waiting for an assignment; {brokers} broker(s) answer"), time.GetTimestamp()));
            }
            else
            {
                var marks = await watermarks.QueryAsync(positions.Select(p => p.Partition).ToList());
                _latest = new LagSnapshot(ConsumerLag.Compute(positions, marks), time.GetUtcNow());
                Record(new BrokerContact(true, string.Create(CultureInfo.InvariantCulture, $"{marks.Count} partition(s) measured"), time.GetTimestamp()));
            }
        }
        catch (KafkaException ex)
        {
            Record(new BrokerContact(false, $"brokers do not answer: {ex.Error.Code}", time.GetTimestamp()));
        }
    }

    private void Record(BrokerContact contact)
    {
        if (_contact?.Reached != contact.Reached)
        {
            if (contact.Reached)
            {
                LogBrokersReachable(logger, contact.Detail);
            }
            else
            {
                LogBrokersUnreachable(logger, contact.Detail);
            }
        }

        _contact = contact;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Kafka brokers reachable ({Detail})")]
    private static partial void LogBrokersReachable(ILogger logger, string detail);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Kafka brokers unreachable ({Detail}): not ready, lag not measured")]
    private static partial void LogBrokersUnreachable(ILogger logger, string detail);

    private sealed record BrokerContact(bool Reached, string Detail, long At);
}
