using System.ComponentModel.DataAnnotations;
using Jericommerce.Streams.Ingress.Signatures;
using Jericommerce.Streams.Kafka;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Ingress.Options;

/// <summary>
/// The ingress settings (section <c>Ingress</c>; environment variables <c>Ingress__Name</c>).
/// Checked at start-up by <see cref="IngressOptionsValidator"/>: a bad value stops the service
/// with a message naming its key.
/// </summary>
public sealed class IngressOptions
{
    public const string SectionName = "Ingress";

    /// <summary>
    /// Webhook secrets by name: <c>Ingress:Secrets:0</c>, <c>Ingress:Secrets:1</c>... (env
    /// <c>Ingress__Secrets__0</c>). Any of them authenticates a request (rotation); the name of the
    /// one that matched is recorded. Leading and trailing whitespace is ignored.
    /// </summary>
    public Dictionary<string, string> Secrets { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A file of secrets (a container secret): one per line, <c>name=secret</c> or a bare secret
    /// (named <c>file:LINE</c>); blank lines and lines starting with <c>#</c> are skipped.
    /// </summary>
    public string? SecretsFile { get; set; }

    /// <summary>
    /// Run as the dev stack even outside the Development environment: without a configured secret
    /// the service then accepts the well-known development secret instead of refusing to start.
    /// </summary>
    public bool DevMode { get; set; }

    /// <summary>Which signature encodings are accepted (<c>Base64, Hex</c> by default).</summary>
    public SignatureEncodings SignatureEncodings { get; set; } = SignatureEncodings.Base64 | SignatureEncodings.Hex;

    /// <summary>
    /// One accepted variant of the signature scheme per secret, by the secret's name, e.g.
    /// <c>Ingress:SignatureVariants:0 = hex-lower/hex/raw</c> (the name the diagnosis metric reports). Off
    /// unless set; the default scheme stays accepted for that secret too. A secret from the secrets file
    /// needs a name (<c>name=secret</c>) to be given one. See docs/signatures.md.
    /// </summary>
    public Dictionary<string, string> SignatureVariants { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The diagnosis of failed signatures.</summary>
    [ValidateObjectMembers]
    public SignatureDiagnosisOptions SignatureDiagnosis { get; init; } = new();

    /// <summary>The onboarding quarantine of requests that fail verification (off by default).</summary>
    public QuarantineOptions Quarantine { get; init; } = new();

    /// <summary>The topic every authenticated request is written to.</summary>
    public string RawTopic { get; set; } = TopicDefaults.Raw;

    /// <summary>The largest accepted body, in bytes (256 KiB); a body exactly this long is accepted.</summary>
    [SettingRange(1, IngressOptionsValidator.MaxBodyBytesCeiling, ErrorMessage = "Ingress:MaxBodyBytes must be between 1 and 16777216 (16 MiB).")]
    public int MaxBodyBytes { get; set; } = 262_144;

    /// <summary>
    /// How long a request waits for Kafka's acknowledgement before it is answered 503. The producer
    /// gives up on the record after the same time (<c>message.timeout.ms</c>).
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Ingress:AckTimeout must be between 100 ms and 5 minutes.")]
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>Retry-After</c> sent with a 503, rounded up to whole seconds.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Ingress:RetryAfter must be between 1 second and 1 hour.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the ingress may take to stop (SIGTERM): finish the requests under way and flush what Kafka has not
    /// acknowledged (at most <see cref="AckTimeout"/> and 2 s). .NET's default; keep the pod's
    /// <c>terminationGracePeriodSeconds</c> above it and the <c>preStop</c> sleep.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:05", "00:10:00", ErrorMessage = "Ingress:ShutdownTimeout must be between 5 seconds and 10 minutes.")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The producer's <c>linger.ms</c>: every request waits on its ack, so keep it small.</summary>
    [SettingRange(0, 1000, ErrorMessage = "Ingress:LingerMs must be between 0 and 1000.")]
    public int LingerMs { get; set; } = 1;

    /// <summary>
    /// The producer's <c>queue.buffering.max.messages</c>: records waiting for an ack. When it is
    /// full a request is answered 503 at once.
    /// </summary>
    [SettingRange(1, 10_000_000, ErrorMessage = "Ingress:MaxQueuedMessages must be between 1 and 10000000.")]
    public int MaxQueuedMessages { get; set; } = 10_000;

    /// <summary>Connection and request limits applied to Kestrel.</summary>
    [ValidateObjectMembers]
    public IngressLimitsOptions Limits { get; init; } = new();
}
