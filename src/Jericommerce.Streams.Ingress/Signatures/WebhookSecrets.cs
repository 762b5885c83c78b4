using Jericommerce.Streams.Ingress.Options;

namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>Collects the configured secrets from <c>Ingress:Secrets</c> and <c>Ingress:SecretsFile</c>.</summary>
internal static class WebhookSecrets
{
    /// <summary>The secret the dev stack uses when none is configured (see docs/ingress.md, Signature); its name is <c>dev</c>.</summary>
    public const string DevSecret = "dev-secret";

    public const string DevSecretName = "dev";

    /// <summary>
    /// Every configured secret, with problems appended to <paramref name="errors"/> (by setting
    /// name, never by value). An empty result with no errors means no secret is configured.
    /// </summary>
    public static IReadOnlyList<WebhookSecret> Load(IngressOptions options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var secrets = new List<WebhookSecret>();
        var names = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (name, value) in options.Secrets)
        {
            var secret = value?.Trim();
            if (string.IsNullOrEmpty(secret))
            {
                errors.Add($"{IngressOptions.SectionName}:Secrets:{name} is empty.");
                continue;
            }

            names.Add(name);
            secrets.Add(new WebhookSecret(name, secret));
        }

        if (!string.IsNullOrWhiteSpace(options.SecretsFile))
        {
            var key = $"{IngressOptions.SectionName}:SecretsFile";
            string[] lines;
            try
            {
                lines = File.ReadAllLines(options.SecretsFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                errors.Add($"{key} '{options.SecretsFile}' cannot be read: {e.GetType().Name}.");
                return secrets;
            }

            var fromFile = SecretsFile.Parse(lines);
            if (fromFile.Count == 0)
            {
                errors.Add($"{key} '{options.SecretsFile}' holds no secret.");
            }

            foreach (var (name, secret) in fromFile)
            {
                if (!names.Add(name))
                {
                    errors.Add($"{key} '{options.SecretsFile}': the secret name '{name}' is used twice.");
                    continue;
                }

                secrets.Add(new WebhookSecret(name, secret));
            }
        }

        return secrets;
    }
}
