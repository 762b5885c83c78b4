using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Jericommerce.Streams.Observability;

/// <summary>Maps <c>GET /metrics</c>: the Prometheus text format (OpenMetrics when the scraper asks for it).</summary>
public static class MetricsEndpointExtensions
{
    public const string MetricsPath = "/metrics";

    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
    }
}
