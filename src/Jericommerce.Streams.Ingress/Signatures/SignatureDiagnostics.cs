using Jericommerce.Streams.Ingress.Diagnostics;
using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Signatures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>
/// Runs the diagnosis for a request whose signature failed: counts the variant that would have matched (or
/// <c>none</c>) in <c>jcs.ingress.signature.diagnosis</c>, and logs it at most once a minute per variant. It
/// accepts nothing. Its cost is bounded twice: per request by <see cref="SignatureDiagnoser"/> (at most 12
/// HMACs, the JSON form only for small bodies), per minute by <c>MaxPerMinute</c> (the rest count as skipped).
/// </summary>
internal sealed class SignatureDiagnostics
{
    public const string Skipped = "skipped";

    private readonly SignatureDiagnoser _diagnoser;
    private readonly MinuteBudget _budget;
    private readonly LogGate _logGate;
    private readonly IngressMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _secretCount;

    public SignatureDiagnostics(SignatureVerifier verifier, IOptions<IngressOptions> options, IngressMetrics metrics, TimeProvider time, ILogger<SignatureDiagnostics> logger)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.SignatureDiagnosis;
        Enabled = settings.Enabled;
        _diagnoser = new SignatureDiagnoser(verifier.Secrets.Select(s => s.Keys));
        _secretCount = Math.Min(verifier.Secrets.Count, SignatureDiagnoser.DefaultMaxSecrets);
        _budget = new MinuteBudget(time, settings.MaxPerMinute, long.MaxValue);
        _logGate = new LogGate(time, settings.LogInterval);
        _metrics = metrics;
        _logger = logger;
    }

    public bool Enabled { get; }

    /// <summary>Diagnoses the request and returns the variant's name (or <c>none</c>, <c>skipped</c>); null when off.</summary>
    public string? Diagnose(string requestId, StringValues header, ReadOnlyMemory<byte> body)
    {
        if (!Enabled || header.Count != 1)
        {
            return null;
        }

        if (!_budget.TryTake())
        {
            _metrics.RecordSignatureDiagnosis(Skipped, "");
            return Skipped;
        }

        var diagnosis = _diagnoser.Diagnose(header[0], body);
        _metrics.RecordSignatureDiagnosis(diagnosis.VariantName, diagnosis.SecretName ?? "");
        if (_logGate.TryPass(diagnosis.VariantName, out var suppressed))
        {
            if (diagnosis.Found)
            {
                SignatureLog.VariantDiagnosed(_logger, requestId, diagnosis.VariantName, diagnosis.SecretName!, suppressed);
            }
            else
            {
                SignatureLog.NothingDiagnosed(_logger, requestId, _secretCount, suppressed);
            }
        }

        return diagnosis.VariantName;
    }
}
