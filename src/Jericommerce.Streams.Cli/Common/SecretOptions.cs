using System.CommandLine;
using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Cli.Common;

/// <summary>
/// <c>--secret</c>, <c>--secrets-file</c> and <c>--variant</c>: the secrets and accepted variants to verify with,
/// named as the ingress names them (<c>--secret</c> values <c>0</c>, <c>1</c>... like <c>Ingress:Secrets:N</c>; the
/// file's <c>name=secret</c> lines by name, bare lines <c>file:LINE</c>). A secret is never printed.
/// </summary>
internal sealed class SecretOptions
{
    public Option<string[]> Secrets { get; } = new("--secret", "-s")
    {
        Description = "a webhook secret, repeatable, named 0, 1... (default: $JCS_SECRET); prefer --secrets-file, a command line is visible to other users",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<FileInfo?> SecretsFile { get; } = new("--secrets-file")
    {
        Description = "a file of secrets in the ingress's format (one per line, name=secret or bare)",
    };

    public Option<string[]> Variants { get; } = new("--variant")
    {
        Description = "accept a signature variant for a secret, NAME=ENCODING/KEY/BODY (e.g. 0=hex-lower/hex/raw), repeatable: as Ingress:SignatureVariants:NAME",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Secrets);
        command.Add(SecretsFile);
        command.Add(Variants);
    }

    public (IReadOnlyList<SecretKey> Secrets, IReadOnlyDictionary<string, SignatureVariant> Variants) Resolve(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var secrets = new List<SecretKey>();
        foreach (var value in result.GetValue(Secrets) ?? [])
        {
            secrets.Add(new SecretKey(secrets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), NonEmpty(value.Trim(), "--secret")));
        }

        if (result.GetValue(SecretsFile) is { } file)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CliException.Usage($"--secrets-file {file.FullName} cannot be read ({e.GetType().Name})");
            }

            secrets.AddRange(SecretsFileFormat.Parse(lines).Select(s => new SecretKey(s.Name, s.Secret)));
        }

        if (secrets.Count == 0 && Environment.GetEnvironmentVariable("JCS_SECRET") is { Length: > 0 } fromEnvironment)
        {
            secrets.Add(new SecretKey("0", fromEnvironment.Trim()));
        }

        if (secrets.Count == 0)
        {
            throw CliException.Usage("no secret to verify with: pass --secrets-file FILE or --secret, or set $JCS_SECRET");
        }

        return (secrets, ParseVariants(result.GetValue(Variants) ?? [], secrets));
    }

    private static Dictionary<string, SignatureVariant> ParseVariants(string[] values, List<SecretKey> secrets)
    {
        var variants = new Dictionary<string, SignatureVariant>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.LastIndexOf('=');
            if (equals <= 0 || !SignatureVariant.TryParse(value[(equals + 1)..], out var variant))
            {
                throw CliException.Usage($"--variant '{value}' is not NAME={SignatureVariant.Grammar}");
            }

            var name = value[..equals].Trim();
            var secret = secrets.Find(s => s.Name == name) ?? throw CliException.Usage($"--variant {name}=...: no secret is named {name} (they are {string.Join(", ", secrets.Select(s => s.Name))})");
            variants[name] = secret.For(variant.Value.Key) is null
                ? throw CliException.Usage($"--variant {name}={variant.Value.Name}: secret {name} does not decode as {variant.Value.Key.ToString().ToLowerInvariant()}")
                : variant.Value;
        }

        return variants;
    }

    private static string NonEmpty(string value, string option) =>
        value.Length > 0 ? value : throw CliException.Usage($"{option} must not be empty");
}
