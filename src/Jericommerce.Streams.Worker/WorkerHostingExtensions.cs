using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Worker.Dedup;
using Jericommerce.Streams.Worker.Pipeline;
using Jericommerce.Streams.Worker.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            return SchemaCatalog.Load(string.IsNullOrWhiteSpace(options.SchemasPath) ? SchemaDirectory.Default : options.SchemasPath, options.TopicPrefix);
        });
        services.AddSingleton<EventRouter>();
        services.AddSingleton<DedupRebuilder>();
        services.AddSingleton<CircuitState>();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton(sp => new OutputProducer(sp.GetRequiredService<IOptions<KafkaOptions>>(), sp.GetRequiredService<IOptions<WorkerOptions>>()));
        services.AddResiliencePipeline(ProduceResilience.PipelineKey, (pipeline, context) =>
        {
            var sp = context.ServiceProvider;
            pipeline.TimeProvider = sp.GetRequiredService<TimeProvider>();
            ProduceResilience.Configure(
                pipeline,
                sp.GetRequiredService<IOptions<WorkerOptions>>().Value,
                sp.GetRequiredService<CircuitState>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProduceResilience).FullName!));
        });
        services.AddSingleton<RoutingEngine>();
        services.AddHostedService<RoutingService>();

        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<RoutingHealthCheck>("routing", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapWorker(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/livez", new() { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/readyz", new() { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }
}
