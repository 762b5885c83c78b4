namespace Jericommerce.Streams.Ingress.Options;

/// <summary>
/// Kestrel limits (section <c>Ingress:Limits</c>). They win over the same settings under
/// <c>Kestrel:Limits</c>. The request body limit is not here: it is <see cref="IngressOptions.MaxBodyBytes"/>.
/// </summary>
public sealed class IngressLimitsOptions
{
    /// <summary>Largest total size of the request headers, in bytes (Kestrel answers 431 above it).</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Most request headers accepted (Kestrel answers 431 above it).</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>How long a client may take to send the request headers (Kestrel answers 408 after it).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Slowest accepted body upload, in bytes per second, after the grace period; 0 disables the check.</summary>
    public double MinRequestBodyDataRate { get; set; } = 240;

    /// <summary>How long a body upload may stay below <see cref="MinRequestBodyDataRate"/> before the request fails with 408.</summary>
    public TimeSpan MinRequestBodyDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle keep-alive connection is kept open.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(130);

    /// <summary>Most concurrent connections; unset means no limit.</summary>
    public long? MaxConcurrentConnections { get; set; }
}
