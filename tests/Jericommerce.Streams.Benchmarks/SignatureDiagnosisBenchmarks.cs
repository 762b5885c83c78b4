using System.Text;
using BenchmarkDotNet.Attributes;
using Jericommerce.Streams.Ingress.Signatures;
using Jericommerce.Streams.Signatures;
using Microsoft.Extensions.Primitives;

namespace Jericommerce.Streams.Benchmarks;

/// <summary>
/// What a request with a bad signature costs the ingress beyond today's check: the diagnosis of its signature
/// (header decoded once, at most 6 HMACs per secret for at most 2 secrets, the JSON re-serialisation for bodies up
/// to 64 KiB), in its worst case: nothing matches, so every candidate is computed. <c>Verify</c> is the check that
/// ran first (the cost the diagnosis adds to), <c>VerifyAndDiagnose</c> the whole failure path.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class deriving from it.</remarks>
[MemoryDiagnoser]
public class SignatureDiagnosisBenchmarks
{
    private SignatureVerifier _verifier = null!;
    private SignatureDiagnoser _diagnoser = null!;
    private byte[] _body = [];
    private string _header = "";

    /// <summary>The example event (~330 B), and one padded to 16 KiB (the JSON variant still runs).</summary>
    [Params(330, 16_384)]
    public int BodyBytes { get; set; } = 330;

    [Params(1, 2)]
    public int Secrets { get; set; } = 2;

    [GlobalSetup]
    public void Setup()
    {
        var secrets = Enumerable.Range(0, Secrets)
            .Select(i => new WebhookSecret(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i == 0 ? BenchmarkEvents.Secret : "0123456789abcdef0123456789abcdef"))
            .ToList();
        _verifier = new SignatureVerifier(secrets, SignatureEncodings.Base64 | SignatureEncodings.Hex);
        _diagnoser = new SignatureDiagnoser(secrets.Select(s => s.Keys));
        var example = Encoding.UTF8.GetString(BenchmarkEvents.Valid("customer-scanned", BenchmarkEvents.Id(1), "cus-00000001"));
        _body = BodyBytes <= example.Length
            ? Encoding.UTF8.GetBytes(example)
            : Encoding.UTF8.GetBytes(example[..example.LastIndexOf('}')] + $",\"pad\":\"{new string('x', BodyBytes - example.Length - 10)}\"}}");
        _header = Convert.ToBase64String(new byte[32]);
        if (_verifier.Verify(_header, _body).IsValid || _diagnoser.Diagnose(_header, _body).Found)
        {
            throw new InvalidOperationException("The benchmark's signature must fail and match no variant.");
        }
    }

    [Benchmark(Baseline = true)]
    public bool Verify() => _verifier.Verify(new StringValues(_header), _body).IsValid;

    [Benchmark]
    public bool Diagnose() => _diagnoser.Diagnose(_header, _body).Found;

    [Benchmark]
    public bool VerifyAndDiagnose() => _verifier.Verify(new StringValues(_header), _body).IsValid || _diagnoser.Diagnose(_header, _body).Found;
}
