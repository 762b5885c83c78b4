using Jericommerce.Streams.Ingress.Diagnostics;
using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Ingress.Signatures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Ingress.Kafka;

/// <summary>
/// Creates the secrets and the producer when the host starts (so a bad setting stops start-up,
/// not the first request) and flushes the producer when it stops, after the web server has
/// finished the requests in flight. The producer itself is disposed with the container.
/// </summary>
internal sealed class IngressLifetime(
    SignatureVerifier verifier,
    RawRecordProducer producer,
    IngressMetrics metrics,
    IOptions<IngressOptions> options,
    ILogger<IngressLifetime> logger) : IHostedService
{
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        IngressLog.Started(
            logger,
            verifier.Secrets.Count,
            string.Join(", ", verifier.Secrets.Select(s => s.Name)),
            settings.SignatureEncodings.ToString(),
            producer.Topic,
            settings.MaxBodyBytes,
            settings.AckTimeout);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may be stopped twice (by its own Run and by whoever else stops it): flush once.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return Task.CompletedTask;
        }

        // Records can live at most the ack timeout (message.timeout.ms) plus librdkafka's timeout
        // scan interval (1 s): the flush never needs longer.
        var timeout = options.Value.AckTimeout + TimeSpan.FromSeconds(2);
        IngressLog.Flushing(logger, (int)metrics.InFlight, timeout);
        var remaining = producer.Flush(timeout);
        if (remaining > 0)
        {
            IngressLog.FlushIncomplete(logger, remaining);
        }

        return Task.CompletedTask;
    }
}
