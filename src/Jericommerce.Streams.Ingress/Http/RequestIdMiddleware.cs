namespace Jericommerce.Streams.Ingress.Http;

/// <summary>
/// Gives every request its id (see <see cref="RequestIds"/>) as <see cref="HttpContext.TraceIdentifier"/>,
/// so ASP.NET Core's own logs carry it too, and echoes it in the <c>x-request-id</c> response header.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        var id = RequestIds.Resolve(context.Request.Headers[WebhookHeaders.RequestId], time);
        context.TraceIdentifier = id;
        context.Response.Headers[WebhookHeaders.RequestId] = id;
        return next(context);
    }
}
