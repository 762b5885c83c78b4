using Jericommerce.Streams.Ingress.Http;
using Jericommerce.Streams.Observability;
using Jericommerce.Streams.Observability.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Jericommerce.Streams.Ingress;

/// <summary>Maps the ingress's endpoints: the webhook, the liveness and readiness probes, and the metrics.</summary>
public static class IngressEndpointExtensions
{
    public const string LivenessPath = "/livez";
    public const string ReadinessPath = "/readyz";

    public static WebApplication MapIngress(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestIdMiddleware>();

        // Answers without a body (404 for other paths, the 405 routing gives other methods on
        // the webhook path, with its Allow header) get a problem body like every other refusal.
        app.UseStatusCodePages(context => JsonResponses.WriteStatusAsync(context.HttpContext));

        app.MapPost(WebhookEndpoint.Path, WebhookEndpoint.InvokeAsync);
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthText.WriteAsync });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(IngressServiceExtensions.ReadyTag), ResponseWriter = HealthText.WriteAsync });
        app.MapMetrics();
        return app;
    }
}
