using System.Text;
using Jericommerce.Streams.Ingress.Signatures;
using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Ingress.Tests.Unit;

/// <summary>An accepted variant is accepted for its secret only, in addition to the default scheme.</summary>
public sealed class SignatureVariantVerifierTests
{
    private const string HexSecret = "00112233445566778899aabbccddeeff";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt-1","customerId":"cust-1"}""");
    private static readonly SignatureVariant HexKeyBase64Url = Parse("base64url/hex/raw");

    [Fact]
    public void Verify_WithTheSecretsAcceptedVariant_AcceptsAndNamesTheVariant()
    {
        var verifier = Verifier(new Dictionary<string, SignatureVariant> { ["primary"] = HexKeyBase64Url });
        var header = SignatureDiagnoserTests.Sign(HexKeyBase64Url, HexSecret, Body);

        var check = verifier.Verify(header, Body);

        Assert.True(check.IsValid);
        Assert.Equal("primary", check.SecretName);
        Assert.Equal(HexKeyBase64Url, check.Variant);
        Assert.Equal(header.AsSpan().ContainsAny('-', '_') ? "base64url" : "base64", check.Variant is null ? null : check.EncodingName);
    }

    [Fact]
    public void Verify_WithoutTheSetting_RefusesTheSameVariant() =>
        Assert.False(Verifier(null).Verify(SignatureDiagnoserTests.Sign(HexKeyBase64Url, HexSecret, Body), Body).IsValid);

    [Fact]
    public void Verify_AVariantAcceptedForAnotherSecret_IsRefused()
    {
        var verifier = Verifier(new Dictionary<string, SignatureVariant> { ["other"] = Parse("base64/hex/raw") });

        Assert.False(verifier.Verify(SignatureDiagnoserTests.Sign(Parse("base64/hex/raw"), HexSecret, Body), Body).IsValid);
    }

    [Fact]
    public void Verify_WithAVariantSet_StillAcceptsTheDefaultScheme()
    {
        var verifier = Verifier(new Dictionary<string, SignatureVariant> { ["primary"] = HexKeyBase64Url });

        var check = verifier.Verify(WebhookSignature.Base64(HexSecret, Body), Body);

        Assert.True(check.IsValid);
        Assert.Null(check.Variant);
        Assert.Equal("base64", check.EncodingName);
    }

    [Fact]
    public void Verify_AVariantSignatureOverAnotherBody_IsAMismatch()
    {
        var verifier = Verifier(new Dictionary<string, SignatureVariant> { ["primary"] = Parse("hex-lower/hex/raw") });
        var header = SignatureDiagnoserTests.Sign(Parse("hex-lower/hex/raw"), HexSecret, Body);

        Assert.Equal(SignatureFailure.SignatureMismatch, verifier.Verify(header, Encoding.UTF8.GetBytes("""{"id":"evt-2"}""")).Failure);
    }

    private static SignatureVerifier Verifier(Dictionary<string, SignatureVariant>? variants) =>
        new([new WebhookSecret("other", "other-secret"), new WebhookSecret("primary", HexSecret)], SignatureEncodings.Base64 | SignatureEncodings.Hex, variants);

    private static SignatureVariant Parse(string name) => SignatureVariant.TryParse(name, out var variant) ? variant.Value : throw new ArgumentException(name);
}
