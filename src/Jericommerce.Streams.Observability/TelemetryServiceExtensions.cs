using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Jericommerce.Streams.Observability;

/// <summary>
/// One service's OpenTelemetry: its meter exported in Prometheus text format (mapped with
/// <see cref="MetricsEndpointExtensions.MapMetrics"/>), its activity source traced, and OTLP export
/// of traces, metrics and logs only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
/// <remarks>
/// With <c>traceAlways</c> false, the service's spans are made only when they are exported: a span nobody receives
/// still costs its allocation and tags on every record (a few percent of the worker's CPU).
/// </remarks>
public static class TelemetryServiceExtensions
{
    /// <summary>The standard OpenTelemetry variable (or configuration key) that turns OTLP export on.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The meter of the .NET runtime's built-in metrics.</summary>
    public const string RuntimeMeterName = "System.Runtime";

    public static OpenTelemetryBuilder AddStreamsTelemetry(this IHostApplicationBuilder builder, string serviceName, string meterName, string activitySourceName, bool traceAlways = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var exported = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(meterName)

                // .NET's own runtime metrics (GC, heap, working set, threads): what shows a service growing.
                .AddMeter(RuntimeMeterName)
                .AddPrometheusExporter(prometheus =>
                {
                    // Names and labels exactly as documented: no otel_scope_* labels; every scrape current.
                    prometheus.ScopeInfoEnabled = false;
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                }));
        if (traceAlways || exported)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(activitySourceName));
        }

        // OpenTelemetry listens to every meter of that name in the process. A host reports only the
        // instruments of its own meter factory (one host per process in production; several side
        // by side in the tests).
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
        {
            var own = services.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop);
        });

        if (exported)
        {
            telemetry.UseOtlpExporter();
        }

        return telemetry;
    }
}
