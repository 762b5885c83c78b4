using System.Security.Cryptography;
using System.Text;
using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Ingress.Tests.Unit;

/// <summary>The diagnosis names the one variant a signature was made with, and only that; it tries each variant once.</summary>
public sealed class SignatureDiagnoserTests
{
    private const string HexSecret = "8f3a9c0b1d2e4f5061728394a5b6c7d8";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{ \"id\": \"evt-1\", \"customerId\": \"cust-1\", \"properties\": {} }\n");

    public static TheoryData<string> Variants() =>
    [
        "base64url/utf8/raw",
        "hex-upper/utf8/raw",
        "hex-lower/hex/raw",
        "base64/base64/raw",
        "base64/utf8/trimmed-newline",
        "hex-lower/utf8/added-newline",
        "base64url/utf8/json",
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Diagnose_ASignatureMadeWithAVariant_NamesThatVariantAndTheSecret(string name)
    {
        Assert.True(SignatureVariant.TryParse(name, out var variant));
        var diagnoser = new SignatureDiagnoser([new SecretKey("old", "0badc0ffee0badc0ffee"), new SecretKey("primary", HexSecret)]);

        var header = Sign(variant.Value, HexSecret, Body);

        var diagnosis = diagnoser.Diagnose(header, Body);

        // base64url without '-' or '_' is indistinguishable from base64 (and decodes the same): it is reported as base64.
        Assert.Equal(name.StartsWith("base64url", StringComparison.Ordinal) && !header.AsSpan().ContainsAny('-', '_') ? "base64" + name["base64url".Length..] : name, diagnosis.VariantName);
        Assert.Equal("primary", diagnosis.SecretName);
    }

    [Fact]
    public void Diagnose_ASignatureWithAnUnknownSecret_FindsNone()
    {
        var diagnoser = new SignatureDiagnoser([new SecretKey("0", HexSecret)]);

        var diagnosis = diagnoser.Diagnose(Convert.ToBase64String(HMACSHA256.HashData("another"u8, Body)), Body);

        Assert.Equal(SignatureDiagnosis.None, diagnosis);
        Assert.Equal("none", diagnosis.VariantName);
    }

    [Fact]
    public void Diagnose_AHeaderThatIsNoDigest_FindsNone() =>
        Assert.Equal("none", new SignatureDiagnoser([new SecretKey("0", HexSecret)]).Diagnose("definitely not a signature", Body).VariantName);

    [Fact]
    public void Diagnose_LooksAtTwoSecretsAtMost_SoAFailureCostsAtMostTwelveHmacs()
    {
        var diagnoser = new SignatureDiagnoser([new SecretKey("a", "secret-a"), new SecretKey("b", "secret-b"), new SecretKey("c", "secret-c")]);

        Assert.Equal(12, diagnoser.MaxHmacs);
        Assert.Equal("none", diagnoser.Diagnose(Convert.ToBase64String(HMACSHA256.HashData("secret-c"u8, Body)), Body).VariantName);
    }

    [Fact]
    public void Diagnose_DoesNotReserialiseABodyOverTheJsonBound()
    {
        var large = Encoding.UTF8.GetBytes($$"""{ "id": "evt-1", "pad": "{{new string('x', SignedBody.MaxJsonBytes)}}" }""");
        Assert.True(SignatureVariant.TryParse("base64/utf8/json", out var json));
        var compact = Encoding.UTF8.GetBytes($$"""{"id":"evt-1","pad":"{{new string('x', SignedBody.MaxJsonBytes)}}"}""");
        var header = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HexSecret), compact));

        Assert.Null(SignedBody.For(BodyForm.Json, large));
        Assert.Equal("none", new SignatureDiagnoser([new SecretKey("0", HexSecret)]).Diagnose(header, large).VariantName);
        Assert.Equal(BodyForm.Json, json.Value.Body);
    }

    [Theory]
    [InlineData("{\"id\":\"evt-1\",\"name\":\"\\ud800\"}")]
    [InlineData("{\"id\":\"evt-1\",\"name\":\"\\udc00x\\ud83d\"}")]
    [InlineData("not json at all")]
    [InlineData("{\"id\": [1, 2")]
    public void Diagnose_ABodyThatCannotBeReserialised_HasNoJsonForm_AndDoesNotThrow(string text)
    {
        var body = Encoding.UTF8.GetBytes(text);

        Assert.Null(SignedBody.For(BodyForm.Json, body));
        Assert.Equal("none", new SignatureDiagnoser([new SecretKey("0", HexSecret)]).Diagnose(Convert.ToBase64String(new byte[32]), body).VariantName);
    }

    [Fact]
    public void Diagnose_ABodyWithInvalidUtf8_DoesNotThrow()
    {
        byte[] body = [(byte)'{', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)':', (byte)'1', (byte)'}'];

        Assert.Equal("none", new SignatureDiagnoser([new SecretKey("0", HexSecret)]).Diagnose(Convert.ToBase64String(new byte[32]), body).VariantName);
    }

    [Theory]
    [InlineData("base64/utf8/raw")]
    [InlineData("HEX-LOWER/Hex/Added-Newline")]
    public void AVariantName_ParsesAndPrintsBackInLowercase(string name)
    {
        Assert.True(SignatureVariant.TryParse(name, out var variant));
        Assert.Equal(name.ToLowerInvariant(), variant.Value.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("base64")]
    [InlineData("base64/utf8")]
    [InlineData("base32/utf8/raw")]
    [InlineData("base64/utf8/raw/extra")]
    public void ANameThatIsNoVariant_DoesNotParse(string name) => Assert.False(SignatureVariant.TryParse(name, out _));

    /// <summary>Signs independently of the code under test: the variant spelled out by hand.</summary>
    internal static string Sign(SignatureVariant variant, string secret, byte[] body)
    {
        var key = variant.Key switch
        {
            KeyForm.Hex => Convert.FromHexString(secret),
            KeyForm.Base64 => Convert.FromBase64String(secret),
            _ => Encoding.UTF8.GetBytes(secret),
        };
        var text = Encoding.UTF8.GetString(body);
        var message = variant.Body switch
        {
            BodyForm.TrimmedNewline => text.TrimEnd('\n'),
            BodyForm.AddedNewline => text + "\n",
            BodyForm.Json => System.Text.Json.Nodes.JsonNode.Parse(text)!.ToJsonString(),
            _ => text,
        };
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));
        return variant.Encoding switch
        {
            HeaderEncoding.Base64Url => Convert.ToBase64String(mac).Replace('+', '-').Replace('/', '_').TrimEnd('='),
            HeaderEncoding.HexLower => Convert.ToHexStringLower(mac),
            HeaderEncoding.HexUpper => Convert.ToHexString(mac),
            _ => Convert.ToBase64String(mac),
        };
    }
}
