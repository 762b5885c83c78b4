using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>
/// A flood of requests with bad signatures against the real ingress process, with the diagnosis on for every one
/// of them (its per-minute budget raised out of the way) and the onboarding quarantine on: every request gets a
/// 401 (never a 5xx), the ingress's CPU per failed request stays bounded, the quarantine keeps no more than its
/// budget, nothing reaches the raw topic, and a valid request is still accepted afterwards.
/// </summary>
public sealed class SignatureFloodTests
{
    private const int Requests = 2000;
    private const int QuarantinePerMinute = 25;

    /// <summary>
    /// Generous for a shared 2-core machine (HTTP, at most 12 HMACs of a 4 KiB body and one JSON
    /// re-serialisation per request): the point is a bound, not a figure; the benchmark gives the figure.
    /// </summary>
    private static readonly TimeSpan CpuPerRequest = TimeSpan.FromMilliseconds(3);

    [Fact]
    public Task AFloodOfBadSignatures_WithDiagnosisAndQuarantineOn_Gets401s_WithBoundedCpuAndABoundedQuarantine() =>
        Scenario.RunAsync(0, "Signature flood", async scenario =>
        {
            var (quarantine, settings) = QuarantineSettings.Open(scenario);
            settings["Ingress__SignatureDiagnosis__MaxPerMinute"] = "1000000";
            settings["Ingress__Quarantine__MaxRequestsPerMinute"] = QuarantinePerMinute.ToString(CultureInfo.InvariantCulture);
            var ingress = await scenario.StartIngressAsync(secrets: new Dictionary<string, string> { ["0"] = scenario.Secret, ["1"] = "an-older-secret-still-configured" }, more: settings);
            var random = new Random(scenario.Seed);
            var padding = new string('x', 4000);
            using var client = new HttpClient { BaseAddress = ingress.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var statuses = new ConcurrentDictionary<int, int>();
            var cpuBefore = ProcFs.CpuTime(ingress.ProcessId);
            var started = DateTimeOffset.UtcNow;

            await Parallel.ForEachAsync(
                Enumerable.Range(0, Requests),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = scenario.Cancel },
                async (i, token) =>
                {
                    var body = Encoding.UTF8.GetBytes($$$"""{"id":"flood-{{{i}}}","customerId":"c-{{{i % 50}}}","createdAt":"2025-06-01T12:34:56Z","properties":{"pad":"{{{padding}}}"}}""");
                    var mac = new byte[32];
                    random.NextBytes(mac);
                    var signature = (i % 3) switch
                    {
                        0 => Convert.ToBase64String(mac),
                        1 => Convert.ToHexStringLower(mac),
                        _ => Convert.ToBase64String(HMACSHA256.HashData("an-attacker's-guess"u8, body)).Replace('+', '-').Replace('/', '_'),
                    };
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/jericommerce") { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    request.Headers.TryAddWithoutValidation("x-jericommerce-hmac-sha256", signature);
                    request.Headers.TryAddWithoutValidation("x-jericommerce-event-type", "Customer created");
                    using var response = await client.SendAsync(request, token);
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                });

            var elapsed = DateTimeOffset.UtcNow - started;
            var cpu = ProcFs.CpuTime(ingress.ProcessId) - cpuBefore;
            var context = $"seed {scenario.Seed}, {Requests} requests in {elapsed.TotalSeconds:F1} s, ingress CPU {cpu.TotalMilliseconds:F0} ms";
            TestContext.Current.TestOutputHelper?.WriteLine(context);
            Assert.Equal([401], statuses.Keys);
            Assert.False(ingress.HasExited, $"the ingress died ({context})");
            Assert.True(cpu < CpuPerRequest * Requests, $"the ingress used more than {CpuPerRequest.TotalMilliseconds} ms of CPU per failed request ({context})");

            var metrics = MetricsScrape.Parse(await Scenario.ScrapeAsync(ingress, "/metrics"));
            Assert.Equal(Requests, metrics.Sum("jcs_ingress_signature_diagnosis_total"));
            Assert.Equal(Requests, metrics.Sum("jcs_ingress_signature_diagnosis_total", ("variant", "none")));

            // Fixed one-minute windows: a flood spanning k window boundaries may fill k + 1 of them.
            var windows = (int)Math.Floor(elapsed.TotalMinutes) + 2;
            var kept = await TopicReader.CountAsync(scenario.Cluster.BootstrapServers, quarantine, scenario.Cancel);
            Assert.InRange(kept, 1, (long)QuarantinePerMinute * windows);
            Assert.Equal(kept, metrics.Sum("jcs_ingress_quarantine_requests_total", ("outcome", "stored")));
            Assert.Equal(Requests - kept, metrics.Sum("jcs_ingress_quarantine_requests_total", ("outcome", "over-budget")));
            Assert.Equal(0, await TopicReader.CountAsync(scenario.Cluster.BootstrapServers, scenario.Topics.Raw, scenario.Cancel));

            using var sender = scenario.CreateSender(ingress);
            sender.Secret = scenario.Secret;
            var sentinel = new Sending.TestEvent("flood-sentinel", Encoding.UTF8.GetBytes("""{"id":"flood-sentinel","customerId":"s","createdAt":"2025-06-01T12:34:56Z","properties":{}}"""), "Customer created", null);
            Assert.True((await sender.SendAsync(sentinel, scenario.Cancel)).Accepted, $"a valid request after the flood was refused ({context})");
        });
}
