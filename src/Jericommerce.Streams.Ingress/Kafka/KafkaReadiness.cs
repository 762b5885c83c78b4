using System.Globalization;
using Confluent.Kafka;
using Jericommerce.Streams.Ingress.Diagnostics;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Kafka.Topology;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Ingress.Kafka;

/// <summary>
/// Whether the producer can reach Kafka: a background probe (every 5 s while ready, every second while not) and the
/// <c>/readyz</c> health check reports the last answer, so a probe never waits on Kafka. Ready means: the raw topic
/// exists (seen once in every topic's metadata, from a client that never auto-creates; created by the probe when
/// <c>Kafka:Topology:Create</c> allows it), and the raw topic's metadata asked through the producer's own handle has
/// a broker and a leader for every partition.
/// </summary>
internal sealed class KafkaReadiness(RawRecordProducer producer, IOptions<KafkaOptions> kafka, IOptions<TopologyOptions> topology, TimeProvider time, ILogger<KafkaReadiness> logger)
    : BackgroundService, IHealthCheck
{
    private readonly TopologyGuard _guard = new(PipelineTopology.Create(topology.Value, producer.Topic, [], null), topology.Value, time);
    private bool _rawTopicSeen;

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
        if (!_rawTopicSeen && CheckTopology() is { } missing)
        {
            return missing;
        }

        // The raw topic exists: a request naming it, through the producer's handle, cannot create it, and refreshes
        // the handle's view of its leaders the way the producer's own lookups do.
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(producer.Topic, ProbeTimeout);
        }
        catch (KafkaException e)
        {
            return new State(false, $"no metadata: {e.Error.Code}");
        }

        if (metadata.Brokers.Count == 0)
        {
            return new State(false, "no broker in the metadata");
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

    /// <summary>
    /// Null once the raw topic exists (created here when <c>Kafka:Topology:Create</c> allows it), else why not ready.
    /// Asked with every topic's metadata, by a client of its own that never auto-creates: the producer's handle allows
    /// auto-creation, so a request naming a missing raw topic through it would have the broker create it.
    /// </summary>
    private State? CheckTopology()
    {
        TopologyStatus status;
        try
        {
            using var own = new AdminClientBuilder(kafka.Value.Apply(new AdminClientConfig { ClientId = "jcs-ingress-topology", AllowAutoCreateTopics = false }))
                .SetLogHandler(static (_, _) => { })
                .Build();
            status = _guard.Check(own, ProbeTimeout);
        }
        catch (KafkaException e)
        {
            return new State(false, $"no metadata: {e.Error.Code}");
        }

        if (!status.Ready)
        {
            return new State(false, status.Detail);
        }

        if (status.Created.Count > 0)
        {
            IngressLog.TopicsCreated(logger, string.Join(", ", status.Created));
        }

        _rawTopicSeen = true;
        return null;
    }

    private sealed record State(bool Ready, string Detail);
}
