using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Jericommerce.Streams.Ingress.Signatures;
using Microsoft.Extensions.Primitives;

namespace Jericommerce.Streams.Benchmarks;

/// <summary>
/// The ingress's signature check of one ~330-byte event: decode the header (base64 or hex), HMAC-SHA256 the body
/// with every configured secret, compare in constant time. With two secrets the second one matches (both are
/// always computed).
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class deriving from it.</remarks>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private SignatureVerifier _verifier = null!;
    private byte[] _body = [];
    private StringValues _header;

    [Params("base64", "hex")]
    public string Encoding { get; set; } = "base64";

    [Params(1, 2)]
    public int Secrets { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        var secrets = Enumerable.Range(0, Secrets)
            .Select(i => new WebhookSecret(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i == Secrets - 1 ? BenchmarkEvents.Secret : $"old-secret-{i}"))
            .ToList();
        _verifier = new SignatureVerifier(secrets, SignatureEncodings.Base64 | SignatureEncodings.Hex);
        _body = BenchmarkEvents.Valid("customer-scanned", BenchmarkEvents.Id(1), "cus-00000001");
        var mac = HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(BenchmarkEvents.Secret), _body);
        _header = Encoding == "hex" ? Convert.ToHexStringLower(mac) : Convert.ToBase64String(mac);
        if (!_verifier.Verify(_header, _body).IsValid)
        {
            throw new InvalidOperationException("The benchmark's signature does not verify.");
        }
    }

    [Benchmark]
    public bool Verify() => _verifier.Verify(_header, _body).IsValid;
}
