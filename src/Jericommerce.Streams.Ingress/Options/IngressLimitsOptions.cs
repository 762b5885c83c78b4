using System.ComponentModel.DataAnnotations;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Ingress.Options;

/// <summary>
/// Kestrel limits (section <c>Ingress:Limits</c>). They win over the same settings under
/// <c>Kestrel:Limits</c>. The request body limit is not here: it is <see cref="IngressOptions.MaxBodyBytes"/>.
/// </summary>
public sealed class IngressLimitsOptions
{
    /// <summary>Largest total size of the request headers, in bytes (Kestrel answers 431 above it).</summary>
    [SettingRange(1024, 1024 * 1024, ErrorMessage = "Ingress:Limits:MaxRequestHeadersTotalSize must be between 1024 and 1048576.")]
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Most request headers accepted (Kestrel answers 431 above it).</summary>
    [SettingRange(8, 1000, ErrorMessage = "Ingress:Limits:MaxRequestHeaderCount must be between 8 and 1000.")]
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>How long a client may take to send the request headers (Kestrel answers 408 after it).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Ingress:Limits:RequestHeadersTimeout must be between 1 second and 10 minutes.")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Slowest accepted body upload, in bytes per second, after the grace period; 0 disables the check.</summary>
    [SettingRange(0, 1e9, ErrorMessage = "Ingress:Limits:MinRequestBodyDataRate must be between 0 and 1000000000.")]
    public double MinRequestBodyDataRate { get; set; } = 240;

    /// <summary>How long a body upload may stay below <see cref="MinRequestBodyDataRate"/> before the request fails with 408.</summary>
    public TimeSpan MinRequestBodyDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle keep-alive connection is kept open.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Ingress:Limits:KeepAliveTimeout must be between 1 second and 1 hour.")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(130);

    /// <summary>Most concurrent connections; unset means no limit.</summary>
    [SettingRange(1d, 1_000_000d, ErrorMessage = "Ingress:Limits:MaxConcurrentConnections must be between 1 and 1000000.")]
    public long? MaxConcurrentConnections { get; set; }
}
