using Jericommerce.Streams.Ingress.Diagnostics;
using Jericommerce.Streams.Ingress.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>Builds the process's <see cref="SignatureVerifier"/> from the validated settings.</summary>
internal static class SignatureVerifierFactory
{
    public static SignatureVerifier Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<IngressOptions>>().Value;
        var environment = services.GetRequiredService<IHostEnvironment>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignatureVerifier));

        var errors = new List<string>();
        var secrets = WebhookSecrets.Load(options, errors);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(IngressOptions.SectionName, typeof(IngressOptions), errors);
        }

        if (secrets.Count == 0)
        {
            if (!IngressOptionsValidator.IsDevStack(environment, options))
            {
                throw new OptionsValidationException(IngressOptions.SectionName, typeof(IngressOptions), [IngressOptionsValidator.NoSecretMessage]);
            }

            IngressLog.UsingDevSecret(logger, WebhookSecrets.DevSecretName);
            secrets = [new WebhookSecret(WebhookSecrets.DevSecretName, WebhookSecrets.DevSecret)];
        }

        var variants = SignatureVariantSettings.Load(options, secrets, errors);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(IngressOptions.SectionName, typeof(IngressOptions), errors);
        }

        foreach (var (name, variant) in variants)
        {
            SignatureLog.AcceptingVariant(logger, name, variant.Name);
        }

        return new SignatureVerifier(secrets, options.SignatureEncodings, variants);
    }
}
