using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Jericommerce.Streams.Reliability.Tests.Security;

/// <summary>
/// The diagnosis and the quarantine see secrets, signatures and bodies of failed requests: none of them may leave
/// the process through a log line or a metric, whichever variant matched. (The quarantine topic holds the body and
/// the signature by design, docs/signatures.md; it must still never hold a secret.)
/// </summary>
public sealed class SignatureDiagnosisLeakTests
{
    private const string Email = "diagnosed.person@example.test";

    [Fact]
    public Task FailedSignaturesInEveryDiagnosedVariant_LeaveNoSecretSignatureOrBodyInLogsOrMetrics() =>
        Scenario.RunAsync(0, "Signature diagnosis leaks", async scenario =>
        {
            var hexSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var (quarantine, settings) = QuarantineSettings.Open(scenario);
            settings["Logging__LogLevel__Default"] = "Trace";
            settings["Ingress__SignatureDiagnosis__LogInterval"] = "00:00:01";
            var ingress = await scenario.StartIngressAsync(secrets: new Dictionary<string, string> { ["0"] = scenario.Secret, ["hexed"] = hexSecret }, more: settings);
            var body = Encoding.UTF8.GetBytes($$$"""{"email":"{{{Email}}}","id":"evt-leak-check","customerId":"cus-leak","createdAt":"2025-06-01T12:34:56Z","properties":{}}""" + "\n");
            var utf8 = Encoding.UTF8.GetBytes(scenario.Secret);
            var trimmed = body[..^1];
            var signatures = new[]
            {
                Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromHexString(hexSecret), body)),
                Convert.ToBase64String(HMACSHA256.HashData(utf8, trimmed)),
                Convert.ToBase64String(HMACSHA256.HashData(utf8, body)).Replace('+', '-').Replace('/', '_').TrimEnd('=') + "-",
                Convert.ToBase64String(HMACSHA256.HashData("not-a-configured-secret"u8, body)),
            };

            using var client = new HttpClient { BaseAddress = ingress.BaseAddress };
            foreach (var signature in signatures)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/jericommerce") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation("x-jericommerce-hmac-sha256", signature);
                request.Headers.TryAddWithoutValidation("x-jericommerce-event-type", "Customer created");
                using var response = await client.SendAsync(request, scenario.Cancel);
                Assert.Equal(401, (int)response.StatusCode);
            }

            var metrics = await Scenario.ScrapeAsync(ingress, "/metrics");
            Assert.Contains("variant=\"hex-lower/hex/raw\"", metrics, StringComparison.Ordinal);
            Assert.Contains("variant=\"base64/utf8/trimmed-newline\"", metrics, StringComparison.Ordinal);
            var kept = await TopicReader.ReadAsync(scenario.Cluster.BootstrapServers, quarantine, expected: signatures.Length, cancellationToken: scenario.Cancel);
            var output = scenario.Output.Text();
            Assert.Contains("Ingress:SignatureVariants:hexed=hex-lower/hex/raw", output, StringComparison.Ordinal);

            var quarantined = SecretScan.HeaderText(kept.Select(r => r.Message.Headers)) + string.Concat(kept.Select(r => Encoding.UTF8.GetString(r.Message.Value ?? [])));
            var leaks = new List<string>();
            foreach (var secret in new[] { scenario.Secret, hexSecret })
            {
                leaks.AddRange(SecretScan.FindLeaks(secret, [("service output", output), ("metrics", metrics), ("quarantine topic", quarantined)]));
            }

            foreach (var secretOrBody in signatures.Append(Email).Append("evt-leak-check"))
            {
                leaks.AddRange(new[] { ("service output", output), ("metrics", metrics) }.Where(h => h.Item2.Contains(secretOrBody, StringComparison.OrdinalIgnoreCase)).Select(h => $"{h.Item1} contains a signature or body text"));
            }

            Assert.True(leaks.Count == 0, string.Join("; ", leaks));
        });
}
