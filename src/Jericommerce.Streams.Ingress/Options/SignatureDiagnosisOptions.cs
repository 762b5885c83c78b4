using System.ComponentModel.DataAnnotations;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Ingress.Options;

/// <summary>
/// The diagnosis of failed signatures (section <c>Ingress:SignatureDiagnosis</c>): which plausible variant of
/// the scheme would have matched, counted in <c>jcs_ingress_signature_diagnosis_total</c> (docs/signatures.md).
/// </summary>
public sealed class SignatureDiagnosisOptions
{
    /// <summary>On by default: it runs only for requests that fail, and its cost is bounded per request and per minute.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most failed requests diagnosed per minute; the rest are counted as <c>skipped</c>, so a flood of bad signatures costs no more.</summary>
    [SettingRange(0, 1_000_000, ErrorMessage = "Ingress:SignatureDiagnosis:MaxPerMinute must be between 0 and 1000000.")]
    public int MaxPerMinute { get; set; } = 600;

    /// <summary>At most one log line per variant (and one for <c>none</c>) per interval; the lines in between are counted in the next one.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Ingress:SignatureDiagnosis:LogInterval must be between 1 second and 24 hours.")]
    public TimeSpan LogInterval { get; set; } = TimeSpan.FromMinutes(1);
}
