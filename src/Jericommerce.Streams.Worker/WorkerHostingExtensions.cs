using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Kafka.Topology;
using Jericommerce.Streams.Observability;
using Jericommerce.Streams.Observability.Hosting;
using Jericommerce.Streams.Observability.Kafka;
using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker.Consuming;
using Jericommerce.Streams.Worker.Group;
using Jericommerce.Streams.Worker.Diagnostics;
using Jericommerce.Streams.Worker.Lag;
using Jericommerce.Streams.Worker.Pipeline;
using Jericommerce.Streams.Worker.Registry;
using Jericommerce.Streams.Worker.Routing;
using Jericommerce.Streams.Worker.Topology;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Polly;

namespace Jericommerce.Streams.Worker;

/// <summary>The worker's wiring, so that Program stays a few lines.</summary>
public static class WorkerHostingExtensions
{
    public static WebApplicationBuilder AddWorker(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedSettings<KafkaOptions, KafkaOptionsAnnotations>(KafkaOptions.SectionName);
        services.AddValidatedSettings<WorkerOptions, WorkerOptionsAnnotations>(WorkerOptions.SectionName).AlsoValidatedBy<WorkerOptions, WorkerOptionsValidator>();
        services.AddValidatedSettings<TopologyOptions, TopologyOptionsValidator>(TopologyOptions.SectionName);
        services.AddShutdownTimeout<WorkerOptions>(WorkerOptions.SectionName, worker => worker.ShutdownTimeout);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            var catalog = SchemaCatalog.Load(string.IsNullOrWhiteSpace(options.SchemasPath) ? SchemaDirectory.Default : options.SchemasPath, options.TopicPrefix);
            SchemaCatalogLog.NotCompiledTypes(sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchemaCatalog)), catalog);
            return catalog;
        });
        services.AddSingleton<EventRouter>();
        services.AddTypedRecordFormat();
        services.AddSingleton<DedupRebuilder>();
        services.AddSingleton<ProduceCircuit>();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<KafkaProducerStatistics>();
        services.AddSingleton(sp => new OutputProducer(
            sp.GetRequiredService<IOptions<KafkaOptions>>(), sp.GetRequiredService<IOptions<WorkerOptions>>(), sp.GetRequiredService<KafkaProducerStatistics>().Update, sp.GetRequiredService<TypedRecordFormat>()));
        services.AddSingleton<OwnedPartitions>();
        services.AddSingleton<WatermarkQuery>();
        services.AddSingleton<LagSampler>();
        // Its spans only add a hop to a trace the ingress started: without an exporter the output record carries the
        // raw record's traceparent instead, the same trace.
        builder.AddStreamsTelemetry("jcs-worker", WorkerMetrics.MeterName, WorkerTracing.SourceName, traceAlways: false);

        // The slim builder's console logger is fixed to the simple format: bring json and systemd back, chosen
        // with Logging:Console:FormatterName (Logging__Console__FormatterName=json in a container).
        builder.Logging.AddConsole();
        services.PostConfigure<ConsoleLoggerOptions>(console =>
        {
            if (builder.Configuration["Logging:Console:FormatterName"] is { Length: > 0 } formatter)
            {
                console.FormatterName = formatter;
            }
        });
        services.AddResiliencePipeline(ProduceResilience.PipelineKey, (pipeline, context) =>
        {
            var sp = context.ServiceProvider;
            pipeline.TimeProvider = sp.GetRequiredService<TimeProvider>();
            ProduceResilience.Configure(
                pipeline,
                sp.GetRequiredService<IOptions<WorkerOptions>>().Value,
                sp.GetRequiredService<ProduceCircuit>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProduceResilience).FullName!));
        });
        services.AddSingleton<BrokerApiProbe>();
        services.AddSingleton<GroupProtocolSelection>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupProtocolSelection>());
        services.AddSingleton<PartitionProcessorFactory>();
        services.AddSingleton<ConsumeLoop>();

        // Before consuming: with Kafka:Topology:Create on, the topics are made before anything is written to them.
        services.AddSingleton<TopologyMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<TopologyMonitor>());
        services.AddHostedService<ConsumeLoopService>();
        services.AddHostedService(sp => sp.GetRequiredService<LagSampler>());

        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<ReadinessCheck>("routing", tags: ["ready"])
            .AddCheck<TopologyMonitor>("topology", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapWorker(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/livez", new() { Predicate = c => c.Tags.Contains("live"), ResponseWriter = HealthText.WriteAsync });
        app.MapHealthChecks("/readyz", new() { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthText.WriteAsync });
        app.MapMetrics();
        return app;
    }
}
