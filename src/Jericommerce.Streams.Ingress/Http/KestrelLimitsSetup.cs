using Jericommerce.Streams.Ingress.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Ingress.Http;

/// <summary>
/// Applies <c>Ingress:Limits</c> and <c>Ingress:MaxBodyBytes</c> to Kestrel, so that Kestrel's
/// own refusals agree with the endpoint's (413 for a body over the limit, whoever sees it first).
/// </summary>
internal sealed class KestrelLimitsSetup(IOptions<IngressOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var settings = options.Value;
        var limits = settings.Limits;
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = settings.MaxBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
        kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        kestrel.Limits.KeepAliveTimeout = limits.KeepAliveTimeout;
        kestrel.Limits.MaxConcurrentConnections = limits.MaxConcurrentConnections;
        kestrel.Limits.MinRequestBodyDataRate = limits.MinRequestBodyDataRate > 0
            ? new MinDataRate(limits.MinRequestBodyDataRate, limits.MinRequestBodyDataRateGracePeriod)
            : null;
    }
}
