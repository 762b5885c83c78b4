using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Ingress.Diagnostics;

/// <summary>
/// What the signature diagnosis and the quarantine log. Never a secret, a signature or a body: secrets by
/// name, variants by their name, requests by id.
/// </summary>
internal static partial class SignatureLog
{
    [LoggerMessage(50, LogLevel.Warning, "Secret {SecretName} also accepts signature variant {Variant} (Ingress:SignatureVariants:{SecretName})")]
    public static partial void AcceptingVariant(ILogger logger, string secretName, string variant);

    [LoggerMessage(51, LogLevel.Warning, "Request {RequestId}: the signature does not verify, but variant {Variant} of secret {SecretName} would have matched: if the sender signs this way, set Ingress:SignatureVariants:{SecretName}={Variant} (docs/signatures.md); {Suppressed} more such request(s) since the last line")]
    public static partial void VariantDiagnosed(ILogger logger, string requestId, string variant, string secretName, long suppressed);

    [LoggerMessage(52, LogLevel.Warning, "Request {RequestId}: the signature matches none of the diagnosed variants with the first {SecretCount} secret(s) (wrong secret, or a scheme not diagnosed); {Suppressed} more such request(s) since the last line")]
    public static partial void NothingDiagnosed(ILogger logger, string requestId, int secretCount, long suppressed);

    [LoggerMessage(53, LogLevel.Information, "Request {RequestId}: 401, kept in the quarantine topic {Topic} for jcs quarantine replay")]
    public static partial void Quarantined(ILogger logger, string requestId, string topic);

    [LoggerMessage(54, LogLevel.Warning, "Request {RequestId}: 401, not quarantined: {Reason}; {Suppressed} more such request(s) since the last line")]
    public static partial void NotQuarantined(ILogger logger, string requestId, string reason, long suppressed);

    [LoggerMessage(55, LogLevel.Warning, "Onboarding quarantine is on: requests failing verification are kept in {Topic} until {Until} (at most {MaxRequests} request(s) and {MaxBytes} B per minute)")]
    public static partial void QuarantineOn(ILogger logger, string topic, DateTimeOffset until, int maxRequests, long maxBytes);
}
