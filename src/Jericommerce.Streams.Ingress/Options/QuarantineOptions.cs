using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Ingress.Options;

/// <summary>
/// The onboarding quarantine (section <c>Ingress:Quarantine</c>, off by default): while on, requests that fail
/// verification are still answered 401, but their body and headers are kept in <see cref="Topic"/>, within a
/// per-minute budget and until <see cref="Until"/>, for <c>jcs quarantine replay</c> (docs/signatures.md).
/// </summary>
public sealed class QuarantineOptions
{
    /// <summary>The longest window that may be configured ahead: an onboarding takes days, not weeks.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    public bool Enabled { get; set; }

    public string Topic { get; set; } = TopicDefaults.Quarantine;

    /// <summary>
    /// When the quarantine stops keeping requests (an instant, e.g. <c>2026-12-09T12:00:00Z</c>), required when on and
    /// at most 7 days after start-up. An instant rather than a duration, so that a restart does not extend it; a
    /// past instant leaves the quarantine off (with a warning) rather than stopping the service.
    /// </summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>Most requests kept per minute; the rest are only answered 401.</summary>
    public int MaxRequestsPerMinute { get; set; } = 60;

    /// <summary>Most bytes (bodies plus copied headers) kept per minute.</summary>
    public long MaxBytesPerMinute { get; set; } = 1024 * 1024;
}
