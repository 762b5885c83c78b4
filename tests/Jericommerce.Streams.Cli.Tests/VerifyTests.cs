using System.Security.Cryptography;
using System.Text;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary><c>jcs verify</c> says whether and how a captured webhook verifies, and never prints a secret.</summary>
public sealed class VerifyTests : IDisposable
{
    private const string HexSecret = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private readonly string _folder = Directory.CreateTempSubdirectory("jcs-verify").FullName;
    private readonly byte[] _body = Encoding.UTF8.GetBytes("""{"id":"evt-v1","customerId":"cus-1","createdAt":"2025-06-01T12:00:00Z","properties":{}}""");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Verify_ASignatureInTheDefaultScheme_ExitsZero_NamingTheSecretAndEncoding()
    {
        var run = await JcsRun.InvokeAsync(["verify", "--body", BodyFile(), "--signature", Convert.ToBase64String(Hmac(Encoding.UTF8.GetBytes(HexSecret), _body)), "--secret", HexSecret]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("verifies: default scheme (base64/utf8/raw) with secret 0", Assert.Single(run.Out.Lines));
        Assert.DoesNotContain(HexSecret, run.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ASignatureInAnotherVariant_Exits3_SayingWhichVariantAndWhatToSet_AndExitsZeroOnceThatVariantIsGiven()
    {
        var signature = Convert.ToHexStringLower(Hmac(Convert.FromHexString(HexSecret), _body));
        var file = Path.Combine(_folder, "secrets");
        await File.WriteAllLinesAsync(file, ["old=an-old-secret", $"primary={HexSecret}"], TestContext.Current.CancellationToken);

        var diagnosed = await JcsRun.InvokeAsync(["verify", "--body", BodyFile(), "--signature", signature, "--secrets-file", file]);
        var accepted = await JcsRun.InvokeAsync(["verify", "--body", BodyFile(), "--signature", signature, "--secrets-file", file, "--variant", "primary=hex-lower/hex/raw"]);

        Assert.True(diagnosed.ExitCode == 3, diagnosed.ToString());
        Assert.Equal(
            "does not verify with the default scheme, but variant hex-lower/hex/raw of secret primary matches: set Ingress:SignatureVariants:primary=hex-lower/hex/raw to accept it",
            Assert.Single(diagnosed.Out.Lines));
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal("verifies: accepted variant hex-lower/hex/raw of secret primary", Assert.Single(accepted.Out.Lines));
        Assert.DoesNotContain(HexSecret, diagnosed + accepted.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Verify_WithTheWrongSecret_Exits1()
    {
        var run = await JcsRun.InvokeAsync(["verify", "--body", BodyFile(), "--signature", Convert.ToBase64String(Hmac("another"u8.ToArray(), _body)), "--secret", HexSecret]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("does not verify: no secret of 1 matches", Assert.Single(run.Out.Lines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--variant", "0=base32/utf8/raw", "--variant '0=base32/utf8/raw' is not NAME=")]
    [InlineData("--variant", "9=hex-lower/utf8/raw", "--variant 9=...: no secret is named 9")]
    [InlineData("--secrets-file", "/nonexistent/secrets", "--secrets-file /nonexistent/secrets cannot be read")]
    public async Task Verify_WithAWrongOption_Exits2_WithOneLine(string option, string value, string expected)
    {
        var run = await JcsRun.InvokeAsync(["verify", "--body", BodyFile(), "--signature", "x", "--secret", HexSecret, option, value]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, Assert.Single(run.Error.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.ToString(), StringComparison.Ordinal);
    }

    private static byte[] Hmac(byte[] key, byte[] body) => HMACSHA256.HashData(key, body);

    private string BodyFile()
    {
        var path = Path.Combine(_folder, "body.json");
        File.WriteAllBytes(path, _body);
        return path;
    }
}
