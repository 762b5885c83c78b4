using System.Globalization;
using Jericommerce.Streams.Ingress.Signatures;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Ingress.Options;

/// <summary>
/// Checks <see cref="IngressOptions"/> at start-up where a rule spans keys or reads more than one value (topic names,
/// encodings, secrets, variants, the quarantine window); single settings are checked by their attributes
/// (<see cref="IngressOptionsAnnotations"/>). Every message names the setting's key.
/// </summary>
internal sealed class IngressOptionsValidator(IHostEnvironment environment, TimeProvider time) : IValidateOptions<IngressOptions>
{
    public const int MaxBodyBytesCeiling = 16 * 1024 * 1024;

    public const string NoSecretMessage =
        "No webhook secret is configured: set Ingress:Secrets:0 (environment variable Ingress__Secrets__0) " +
        "or Ingress:SecretsFile (a file with one secret per line). Only the dev stack (environment " +
        "Development, or Ingress:DevMode=true) may run without one.";

    private const string S = IngressOptions.SectionName;

    /// <summary>The dev stack may run without a secret (it then accepts the development secret).</summary>
    public static bool IsDevStack(IHostEnvironment environment, IngressOptions options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        return options.DevMode || environment.IsDevelopment();
    }

    public ValidateOptionsResult Validate(string? name, IngressOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (!IsTopicName(options.RawTopic))
        {
            errors.Add($"{S}:RawTopic '{options.RawTopic}' is not a Kafka topic name (1-249 of a-z A-Z 0-9 . _ -).");
        }

        if (options.SignatureEncodings == SignatureEncodings.None
            || (options.SignatureEncodings & ~(SignatureEncodings.Base64 | SignatureEncodings.Hex)) != 0)
        {
            errors.Add($"{S}:SignatureEncodings must be Base64, Hex or 'Base64, Hex'.");
        }

        ValidateQuarantine(errors, options);
        var limits = options.Limits;
        // Kestrel's MinDataRate throws at start-up unless the grace period is more than 1 s (its heartbeat).
        if (limits.MinRequestBodyDataRateGracePeriod <= TimeSpan.FromSeconds(1) || limits.MinRequestBodyDataRateGracePeriod > TimeSpan.FromMinutes(10))
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{S}:Limits:MinRequestBodyDataRateGracePeriod is {limits.MinRequestBodyDataRateGracePeriod}; it must be more than 00:00:01 (Kestrel's minimum) and at most 00:10:00."));
        }

        var secretErrors = new List<string>();
        var secrets = WebhookSecrets.Load(options, secretErrors);
        errors.AddRange(secretErrors);
        if (secrets.Count == 0 && secretErrors.Count == 0 && !IsDevStack(environment, options))
        {
            errors.Add(NoSecretMessage);
        }

        var known = secrets.Count == 0 && IsDevStack(environment, options)
            ? [new WebhookSecret(WebhookSecrets.DevSecretName, WebhookSecrets.DevSecret)]
            : secrets;
        SignatureVariantSettings.Load(options, known, errors);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateQuarantine(List<string> errors, IngressOptions options)
    {
        var quarantine = options.Quarantine;
        if (!quarantine.Enabled)
        {
            return;
        }

        if (!IsTopicName(quarantine.Topic) || quarantine.Topic == options.RawTopic)
        {
            errors.Add($"{S}:Quarantine:Topic '{quarantine.Topic}' must be a Kafka topic name (1-249 of a-z A-Z 0-9 . _ -) other than {S}:RawTopic.");
        }

        var latest = time.GetUtcNow() + QuarantineOptions.MaxWindow;
        if (quarantine.Until is not { } until || until > latest)
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{S}:Quarantine:Until must be set when {S}:Quarantine:Enabled is true, to an instant at most 7 days ahead (e.g. {latest.AddDays(-6):yyyy-MM-ddTHH:mm:ssZ}): the quarantine is for an onboarding window only."));
        }

        Range(errors, "Quarantine:MaxRequestsPerMinute", quarantine.MaxRequestsPerMinute, 1, 10_000);
        Range(errors, "Quarantine:MaxBytesPerMinute", quarantine.MaxBytesPerMinute, 1024L, 64L * 1024 * 1024);
    }

    private static void Range<T>(List<string> errors, string key, T value, T min, T max)
        where T : IComparable<T>, IFormattable
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{S}:{key} is {value}; it must be between {min} and {max}."));
        }
    }

    private static bool IsTopicName(string? topic) =>
        topic is { Length: > 0 and <= 249 } and not "." and not ".."
        && topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
