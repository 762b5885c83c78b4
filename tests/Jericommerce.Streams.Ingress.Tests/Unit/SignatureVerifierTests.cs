using System.Text;
using Jericommerce.Streams.Ingress.Signatures;
using Microsoft.Extensions.Primitives;

namespace Jericommerce.Streams.Ingress.Tests.Unit;

public sealed class SignatureVerifierTests
{
    private const string Secret = "shpss_0123456789abcdef";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt-1","customerId":"cust-1"}""");
    private static readonly SignatureVerifier Verifier = new([new WebhookSecret("0", Secret)], SignatureEncodings.Base64 | SignatureEncodings.Hex);

    private static string Base64 => WebhookSignature.Base64(Secret, Body);

    private static string Hex => WebhookSignature.Hex(Secret, Body);

    [Fact]
    public void Verify_WhenBase64MatchesTheBody_Accepts()
    {
        var check = Verifier.Verify(Base64, Body);

        Assert.Equal(new SignatureCheck(SignatureFailure.None, SignatureEncodings.Base64, "0"), check);
        Assert.Equal("base64", check.EncodingName);
    }

    [Fact]
    public void Verify_WhenBase64PaddingIsLeftOut_Accepts() =>
        Assert.True(Verifier.Verify(Base64.TrimEnd('='), Body).IsValid);

    [Fact]
    public void Verify_WhenHexIsLowercase_Accepts()
    {
        var check = Verifier.Verify(Hex, Body);

        Assert.True(check.IsValid);
        Assert.Equal("hex", check.EncodingName);
    }

    [Fact]
    public void Verify_WhenHexIsUppercase_Accepts() => Assert.True(Verifier.Verify(Hex.ToUpperInvariant(), Body).IsValid);

    [Fact]
    public void Verify_WhenHexIsMixedCase_Accepts() =>
        Assert.True(Verifier.Verify(string.Concat(Hex.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c)), Body).IsValid);

    [Theory]
    [InlineData("sha256=")]
    [InlineData("SHA256=")]
    [InlineData("Sha256=")]
    public void Verify_WhenASha256PrefixInAnyCaseComesFirst_Accepts(string prefix)
    {
        Assert.True(Verifier.Verify(prefix + Base64, Body).IsValid);
        Assert.True(Verifier.Verify(prefix + Hex, Body).IsValid);
    }

    [Fact]
    public void Verify_WhenSurroundedByWhitespace_Accepts() => Assert.True(Verifier.Verify($" \t{Base64} ", Body).IsValid);

    [Fact]
    public void Verify_WhenTheBodyDiffersByOneByte_RejectsAsMismatch()
    {
        var tampered = (byte[])Body.Clone();
        tampered[^2] ^= 1;

        Assert.Equal(SignatureFailure.SignatureMismatch, Verifier.Verify(Base64, tampered).Failure);
    }

    [Fact]
    public void Verify_WhenSignedWithAnotherSecret_RejectsAsMismatch_AndNamesNoSecret()
    {
        var check = Verifier.Verify(WebhookSignature.Base64("other", Body), Body);

        Assert.Equal(SignatureFailure.SignatureMismatch, check.Failure);
        Assert.Null(check.SecretName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_WhenTheHeaderIsAbsentOrEmpty_RejectsAsMissing(string? header) =>
        Assert.Equal(SignatureFailure.MissingSignature, Verifier.Verify(header is null ? StringValues.Empty : new StringValues(header), Body).Failure);

    public static TheoryData<string> Malformed =>
    [
        "not a signature",
        "sha256=",
        new string('a', 63),
        new string('a', 65),
        new string('g', 64),
        "abc" + new string('=', 41),
        new string('A', 42) + "==",
        new string('A', 42) + " =",
        "-" + new string('A', 42) + "=",
        "_" + new string('A', 42),
        new string('A', 45),
        "sha256:" + new string('a', 64),
    ];

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Verify_WhenTheHeaderIsNeither44Base64Nor64Hex_RejectsAsMalformed(string header) =>
        Assert.Equal(SignatureFailure.MalformedSignature, Verifier.Verify(header, Body).Failure);

    [Fact]
    public void Verify_WhenTheHeaderIsRepeated_RejectsAsMalformed() =>
        Assert.Equal(SignatureFailure.MalformedSignature, Verifier.Verify(new StringValues([Base64, Base64]), Body).Failure);

    [Fact]
    public void Verify_WhenTheSecondSecretMatches_AcceptsAndNamesIt()
    {
        var verifier = new SignatureVerifier([new WebhookSecret("0", "old"), new WebhookSecret("1", Secret)], SignatureEncodings.Base64 | SignatureEncodings.Hex);

        Assert.Equal("1", verifier.Verify(Base64, Body).SecretName);
        Assert.Equal("0", verifier.Verify(WebhookSignature.Hex("old", Body), Body).SecretName);
    }

    [Fact]
    public void Verify_WhenTwoSecretsAreEqual_NamesTheFirst()
    {
        var verifier = new SignatureVerifier([new WebhookSecret("a", Secret), new WebhookSecret("b", Secret)], SignatureEncodings.Base64);

        Assert.Equal("a", verifier.Verify(Base64, Body).SecretName);
    }

    [Fact]
    public void Verify_WhenHexIsNotAnAcceptedEncoding_RejectsHexAsMalformed_ButAcceptsBase64()
    {
        var verifier = new SignatureVerifier([new WebhookSecret("0", Secret)], SignatureEncodings.Base64);

        Assert.Equal(SignatureFailure.MalformedSignature, verifier.Verify(Hex, Body).Failure);
        Assert.True(verifier.Verify(Base64, Body).IsValid);
    }

    [Fact]
    public void Verify_WhenBase64IsNotAnAcceptedEncoding_RejectsBase64AsMalformed()
    {
        var verifier = new SignatureVerifier([new WebhookSecret("0", Secret)], SignatureEncodings.Hex);

        Assert.Equal(SignatureFailure.MalformedSignature, verifier.Verify(Base64, Body).Failure);
    }

    [Fact]
    public void Verify_WhenTheBodyIsEmpty_StillChecksTheSignature()
    {
        Assert.True(Verifier.Verify(WebhookSignature.Base64(Secret, []), []).IsValid);
        Assert.False(Verifier.Verify(Base64, []).IsValid);
    }

    [Fact]
    public void Inspect_JudgesOnlyTheShape()
    {
        Assert.True(Verifier.Inspect(WebhookSignature.Base64("any", Body)).IsValid);
        Assert.Equal(SignatureFailure.MalformedSignature, Verifier.Inspect("xyz").Failure);
        Assert.Equal(SignatureFailure.MissingSignature, Verifier.Inspect(StringValues.Empty).Failure);
    }

    [Fact]
    public void Secret_ToString_GivesTheNameNeverTheSecret() =>
        Assert.Equal("primary", new WebhookSecret("primary", Secret).ToString());
}
