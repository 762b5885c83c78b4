using System.Globalization;
using Confluent.Kafka;
using Jericommerce.Streams.Ingress.Diagnostics;
using Jericommerce.Streams.Kafka.Topology;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Ingress.Kafka;

/// <summary>
/// Whether the producer can reach Kafka: a background probe asks for every topic's metadata
/// through the producer's own handle (every 5 s while ready, every second while not) and the
/// <c>/readyz</c> health check reports the last answer, so a probe never waits on Kafka.
/// Ready means: at least one broker answered, and the raw topic exists (created by the probe when
/// <c>Kafka:Topology:Create</c> allows it) with a leader for every partition. Never a request naming
/// the raw topic: the producer's client may auto-create topics, and a missing one would look present.
/// </summary>
internal sealed class KafkaReadiness(RawRecordProducer producer, IOptions<TopologyOptions> topology, TimeProvider time, ILogger<KafkaReadiness> logger)
    : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(10);

    private readonly TopologyGuard _guard = new(PipelineTopology.Create(topology.Value, producer.Topic, [], null), topology.Value, time);

    public static readonly TimeSpan ReadyInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan NotReadyInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private volatile State _state = new(false, "not probed yet");

    public bool IsReady => _state.Ready;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = _state;
        return Task.FromResult(state.Ready ? HealthCheckResult.Healthy(state.Detail) : HealthCheckResult.Unhealthy(state.Detail));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Metadata calls block: keep them off the caller of StartAsync.
        await Task.Yield();
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = Probe(admin);
            if (!next.Ready && producer.LastClientError is { } error)
            {
                next = next with { Detail = $"{next.Detail}; last Kafka client error: {error}" };
            }

            if (next.Ready != _state.Ready)
            {
                IngressLog.ReadinessChanged(logger, next.Ready ? "ready" : "not ready", next.Detail);
            }

            _state = next;
            try
            {
                await Task.Delay(next.Ready ? ReadyInterval : NotReadyInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private State Probe(IAdminClient admin)
    {
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(ProbeTimeout);
        }
        catch (KafkaException e)
        {
            return new State(false, $"no metadata: {e.Error.Code}");
        }

        if (metadata.Brokers.Count == 0)
        {
            return new State(false, "no broker in the metadata");
        }

        TopologyStatus topology;
        try
        {
            topology = _guard.Check(admin, metadata, CreateTimeout);
        }
        catch (KafkaException e)
        {
            return new State(false, $"no metadata after creating {producer.Topic}: {e.Error.Code}");
        }

        if (!topology.Ready)
        {
            return new State(false, topology.Detail);
        }

        if (topology.Created.Count > 0)
        {
            IngressLog.TopicsCreated(logger, string.Join(", ", topology.Created));
            return new State(false, $"topic {producer.Topic} created; waiting for its leaders");
        }

        var topic = metadata.Topics.Find(t => t.Topic == producer.Topic);
        if (topic is null || topic.Error.IsError)
        {
            return new State(false, $"topic {producer.Topic}: {topic?.Error.Code.ToString() ?? "absent"}");
        }

        if (topic.Partitions.Count == 0 || topic.Partitions.Exists(p => p.Leader < 0))
        {
            return new State(false, $"topic {producer.Topic}: a partition has no leader");
        }

        return new State(true, string.Create(
            CultureInfo.InvariantCulture,
            $"{metadata.Brokers.Count} broker(s); topic {producer.Topic} with {topic.Partitions.Count} partition(s)"));
    }

    private sealed record State(bool Ready, string Detail);
}
