using Jericommerce.Streams.Ingress.Diagnostics;
using Jericommerce.Streams.Ingress.Http;
using Jericommerce.Streams.Ingress.Kafka;
using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Ingress.Quarantine;
using Jericommerce.Streams.Ingress.Signatures;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Kafka.Topology;
using Jericommerce.Streams.Observability;
using Jericommerce.Streams.Observability.Hosting;
using Jericommerce.Streams.Observability.Kafka;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace Jericommerce.Streams.Ingress;

/// <summary>Registers the ingress: settings (validated at start-up), signature checks, producer, health, metrics and traces.</summary>
public static class IngressServiceExtensions
{
    /// <summary>The health-check tag of the checks behind <c>/readyz</c>.</summary>
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddIngress(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddValidatedSettings<KafkaOptions, KafkaOptionsAnnotations>(KafkaOptions.SectionName);
        services.AddValidatedSettings<IngressOptions, IngressOptionsAnnotations>(IngressOptions.SectionName).AlsoValidatedBy<IngressOptions, IngressOptionsValidator>();
        services.AddValidatedSettings<TopologyOptions, TopologyOptionsValidator>(TopologyOptions.SectionName);
        services.AddShutdownTimeout<IngressOptions>(IngressOptions.SectionName, ingress => ingress.ShutdownTimeout);
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelLimitsSetup>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<IngressMetrics>();
        services.AddSingleton<KafkaProducerStatistics>();
        builder.AddStreamsTelemetry("jcs-ingress", IngressMetrics.MeterName, IngressTracing.SourceName)

            // The server span continues the caller's traceparent; only webhooks are traced, not probes or scrapes.
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path == WebhookEndpoint.Path));
        services.AddSingleton(SignatureVerifierFactory.Create);
        services.AddSingleton<SignatureDiagnostics>();
        services.AddSingleton<OnboardingQuarantine>();
        services.AddSingleton<RawRecordProducer>();
        services.AddSingleton<IRawRecordSink>(provider => provider.GetRequiredService<RawRecordProducer>());
        services.AddSingleton<WebhookEndpoint>();
        services.AddSingleton<KafkaReadiness>();

        // Started in this order and stopped in the reverse one, after the web server has
        // finished its requests: the readiness probe (which shares the producer's handle) ends
        // before the producer is flushed.
        services.AddHostedService<IngressLifetime>();
        services.AddHostedService(provider => provider.GetRequiredService<KafkaReadiness>());
        services.AddHealthChecks().AddCheck<KafkaReadiness>("kafka", tags: [ReadyTag]);
        return builder;
    }
}
