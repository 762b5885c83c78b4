using System.CommandLine;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Cli.Verify;

/// <summary>
/// <c>jcs verify</c>: whether a captured request (body, signature) verifies with the given secrets, and how; when it
/// does not, which variant of the scheme would have produced it. For support conversations with the sender. Prints
/// secret names and variant names, never a secret.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Exit code when only a variant that is not accepted matches.</summary>
    public const int DiagnosedOnly = 3;

    public static Command Create()
    {
        var body = new Option<FileInfo>("--body") { Description = "the captured body, byte for byte ('-' reads standard input)", Required = true };
        var signature = new Option<string>("--signature") { Description = "the x-jericommerce-hmac-sha256 header's value", Required = true };
        var secrets = new SecretOptions();
        var command = new Command("verify", $"Says whether and how a captured webhook verifies: exit 0 when it does (default scheme or an accepted --variant), {DiagnosedOnly} when only a diagnosed variant matches, 1 when nothing does.")
        {
            body, signature,
        };
        secrets.AddTo(command);
        command.SetAction(async (terminal, result, cancellationToken) =>
        {
            var (keys, variants) = secrets.Resolve(result);
            var bytes = await ReadBodyAsync(result.GetValue(body)!, cancellationToken);
            var check = Reverification.Check(keys, variants, result.GetValue(signature) ?? "", bytes);
            terminal.WriteLine(Describe(check, keys.Count));
            return check.Outcome switch
            {
                ReverificationOutcome.DefaultScheme or ReverificationOutcome.AcceptedVariant => ExitCodes.Success,
                ReverificationOutcome.DiagnosedOnly => DiagnosedOnly,
                _ => ExitCodes.Failure,
            };
        });
        return command;
    }

    public static string Describe(Reverification check, int secretCount) => check.Outcome switch
    {
        ReverificationOutcome.DefaultScheme =>
            $"verifies: default scheme ({check.Variant!.Value.Name}) with secret {check.SecretName}",
        ReverificationOutcome.AcceptedVariant =>
            $"verifies: accepted variant {check.Variant!.Value.Name} of secret {check.SecretName}",
        ReverificationOutcome.DiagnosedOnly =>
            $"does not verify with the default scheme, but variant {check.Variant!.Value.Name} of secret {check.SecretName} matches: set Ingress:SignatureVariants:{check.SecretName}={check.Variant!.Value.Name} to accept it",
        ReverificationOutcome.Malformed =>
            "does not verify: the signature is not an HMAC-SHA256 in base64, base64url or hex (after an optional sha256= prefix)",
        _ =>
            $"does not verify: no secret of {secretCount} matches, in the default scheme or any diagnosed variant (wrong secret, or a scheme not diagnosed)",
    };

    private static async Task<byte[]> ReadBodyAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (file.Name == "-")
        {
            using var buffer = new MemoryStream();
            await Console.OpenStandardInput().CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }

        try
        {
            return await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"--body {file.FullName} cannot be read ({e.GetType().Name})");
        }
    }
}
