using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Kafka.Topology;
using Jericommerce.Streams.Schemas;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Topology;

/// <summary>
/// Checks that the raw topic, the dead-letter topic and every catalog type's typed topic exist, creates the missing
/// ones when <c>Kafka:Topology:Create</c> allows it, and reports the outcome to <c>/readyz</c>. With creation on, the
/// first check runs before routing starts, so a typed topic is made as described rather than by a broker's
/// auto-creation on the first write. Re-checked every <see cref="MissingInterval"/> while topics are missing and every
/// <see cref="CompleteInterval"/> once all exist. Routing is not held back: a record for a missing topic waits in the
/// worker's retries (its partition stalls, nothing is lost) while readiness says what is missing.
/// </summary>
internal sealed partial class TopologyMonitor : BackgroundService, IHealthCheck
{
    public static readonly TimeSpan MissingInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan CompleteInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan KafkaTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaOptions _kafka;
    private readonly TopologyOptions _options;
    private readonly TopologyGuard _guard;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile TopologyStatus _status = TopologyStatus.NotCheckedYet;
    private bool _checkedAtStart;
    private bool _answered;

    public TopologyMonitor(IOptions<KafkaOptions> kafka, IOptions<TopologyOptions> options, IOptions<WorkerOptions> worker, SchemaCatalog catalog, TimeProvider time, ILogger<TopologyMonitor> logger)
    {
        _kafka = kafka.Value;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var topology = PipelineTopology.Create(_options, worker.Value.RawTopic, catalog.EventTypes.Select(t => t.Topic), worker.Value.DeadLetterTopic);
        _guard = new TopologyGuard(topology, _options, time);
    }

    public TopologyStatus Status => _status;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = _status;
        return Task.FromResult(status.Ready ? HealthCheckResult.Healthy(status.Detail) : HealthCheckResult.Unhealthy(status.Detail));
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Create)
        {
            await Task.Run(Check, cancellationToken).WaitAsync(cancellationToken);
            _checkedAtStart = true;
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!_checkedAtStart)
            {
                // Metadata calls block, up to their timeout when no broker answers: off the thread, and not awaited past a stop.
                await Task.Run(Check, stoppingToken).WaitAsync(stoppingToken);
            }

            while (true)
            {
                await Task.Delay(_status.Ready ? CompleteInterval : MissingInterval, _time, stoppingToken);
                await Task.Run(Check, stoppingToken).WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Check()
    {
        TopologyStatus next;
        try
        {
            using var admin = new AdminClientBuilder(_kafka.Apply(new AdminClientConfig { ClientId = "jcs-worker-topology", AllowAutoCreateTopics = false }))
                .SetLogHandler(static (_, _) => { })
                .Build();
            next = _guard.Check(admin, KafkaTimeout);
        }
        catch (KafkaException ex)
        {
            // The broker connection is the lag sampler's to report: keep what the last answer said, if there was one.
            if (_answered)
            {
                return;
            }

            _status = TopologyStatus.NotCheckedYet with { Detail = $"topics not checked yet: {ex.Error.Code}" };
            return;
        }

        if (next.Created.Count > 0)
        {
            LogCreated(_logger, string.Join(", ", next.Created));
        }

        if (next.Ready != _status.Ready || (!next.Ready && next.Detail != _status.Detail))
        {
            if (next.Ready)
            {
                LogComplete(_logger, next.Detail);
            }
            else
            {
                LogIncomplete(_logger, next.Detail);
            }
        }

        _status = next;
        _answered = true;
    }

    [LoggerMessage(EventId = 620, Level = LogLevel.Warning, Message = "Created the missing topic(s) {Topics} (Kafka:Topology:Create=true)")]
    private static partial void LogCreated(ILogger logger, string topics);

    [LoggerMessage(EventId = 621, Level = LogLevel.Error, Message = "Not ready: {Detail}")]
    private static partial void LogIncomplete(ILogger logger, string detail);

    [LoggerMessage(EventId = 622, Level = LogLevel.Information, Message = "Topology complete: {Detail}")]
    private static partial void LogComplete(ILogger logger, string detail);
}
