using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>Reads <c>Ingress:SignatureVariants</c> against the configured secrets; problems name the key, never a secret.</summary>
internal static class SignatureVariantSettings
{
    public static IReadOnlyDictionary<string, SignatureVariant> Load(IngressOptions options, IReadOnlyList<WebhookSecret> secrets, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(errors);
        var result = new Dictionary<string, SignatureVariant>(StringComparer.Ordinal);
        foreach (var (name, value) in options.SignatureVariants)
        {
            var key = $"{IngressOptions.SectionName}:SignatureVariants:{name}";
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!SignatureVariant.TryParse(value, out var variant))
            {
                errors.Add($"{key} '{value}' is not a signature variant: write {SignatureVariant.Grammar} (as the diagnosis metric names it).");
                continue;
            }

            var secret = secrets.FirstOrDefault(s => s.Name == name);
            if (secret is null)
            {
                errors.Add($"{key} names no configured secret (the names are those of Ingress:Secrets and of name=secret lines in Ingress:SecretsFile).");
                continue;
            }

            if (secret.Keys.For(variant.Value.Key) is null)
            {
                errors.Add($"{key} '{variant.Value.Name}' uses the secret {variant.Value.Key.ToString().ToLowerInvariant()}-decoded, but secret '{name}' does not decode that way.");
                continue;
            }

            result[name] = variant.Value;
        }

        return result;
    }
}
