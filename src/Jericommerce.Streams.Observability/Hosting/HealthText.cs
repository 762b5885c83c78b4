using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jericommerce.Streams.Observability.Hosting;

/// <summary>
/// The body of a health endpoint: its status on the first line (what probes and scripts compare), then, when it is
/// not healthy, one line per failing check with its reason, so that an operator reading <c>/readyz</c> learns why
/// (a TLS handshake refused, a topic missing) without searching the logs.
/// </summary>
public static class HealthText
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = new List<string> { report.Status.ToString() };
        if (report.Status != HealthStatus.Healthy)
        {
            lines.AddRange(report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}"));
        }

        return context.Response.WriteAsync(string.Join('\n', lines), context.RequestAborted);
    }
}
