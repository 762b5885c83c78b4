using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Reliability.Tests.Accounting;
using Jericommerce.Streams.Reliability.Tests.Sending;

namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>
/// Hostile HTTP against the real ingress process (Kestrel, real sockets), from a seeded generator
/// (<c>JCS_CHAOS_SEED</c> replays a run; the seed is in every failure message): never a 5xx for client
/// input, never a crash, and the raw topic holds exactly the bodies of the requests that carried a valid
/// signature and got a 202, each routed once by the worker.
/// </summary>
public sealed class IngressFuzzTests
{
    private const string SecretName = "fuzz";

    [Fact]
    public Task HostileRequests_NeverGetA5xx_NeverCrashTheIngress_AndOnlyValidlySignedBodiesReachKafka() =>
        Scenario.RunAsync(0, "Ingress fuzz", async scenario =>
        {
            var profile = scenario.Profile;
            var ingress = await scenario.StartIngressAsync(
                secrets: new Dictionary<string, string> { [SecretName] = scenario.Secret },
                more: IngressLimits.Shortened);
            var worker = await scenario.StartWorkerAsync();
            var cases = new IngressFuzzCases(new Random(scenario.Seed), scenario.Secret, ingress.Port) { SlowBudget = profile.IsLong ? 40 : 4 };
            var results = new ConcurrentQueue<FuzzResult>();

            await Parallel.ForEachAsync(
                Enumerable.Range(0, profile.FuzzIterations).Select(_ => cases.Next()),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = scenario.Cancel },
                async (fuzz, token) =>
                {
                    var response = await RawHttp.SendAsync(
                        ingress.Port, fuzz.Request, token, fuzz.SliceBytes, fuzz.SliceDelay, fuzz.SendAtOnce, fuzz.HalfClose, fuzz.Slow ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30));
                    results.Enqueue(new FuzzResult(fuzz.Name, fuzz.SignatureValid, fuzz.MustBeAccepted, fuzz.UnsupportedHttpVersion, response.Status, response.Status == 202 ? fuzz.Body : null, Head(response.Text)));
                });

            var context = $"seed {scenario.Seed} ({Scenario.SeedVariable}), {results.Count} requests";
            Assert.False(ingress.HasExited, $"the ingress died ({context}):\n{scenario.Output.Tail(ingress.Name)}");
            Assert.Equal("Healthy", await Scenario.ScrapeAsync(ingress, "/livez"));
            using var sender = scenario.CreateSender(ingress);
            var sentinel = new TestEvent("fuzz-sentinel", Encoding.UTF8.GetBytes("""{"id":"fuzz-sentinel","customerId":"s","createdAt":"2025-06-01T12:34:56Z","properties":{}}"""), "Customer created", null);
            sender.Secret = scenario.Secret;
            Assert.True((await sender.SendAsync(sentinel, scenario.Cancel)).Accepted, $"a valid request after the fuzz was refused: {sender.Stats}");

            var all = results.ToList();
            var serverErrors = all.Where(r => r.Status >= 500 && !(r.Status == 505 && r.UnsupportedHttpVersion)).ToList();
            Assert.True(serverErrors.Count == 0, $"5xx for client input ({context}):\n{Describe(serverErrors)}");
            var acceptedUnsigned = all.Where(r => r.Status == 202 && !r.SignatureValid).ToList();
            Assert.True(acceptedUnsigned.Count == 0, $"202 without a valid signature ({context}):\n{Describe(acceptedUnsigned)}");
            var refusedValid = all.Where(r => r.MustBeAccepted && r.Status != 202).ToList();
            Assert.True(refusedValid.Count == 0, $"well-formed, validly signed requests refused ({context}):\n{Describe(refusedValid)}");

            // Kafka holds exactly the accepted bodies (and the sentinel): nothing unauthenticated, nothing missing.
            var raw = await TopicReader.ReadAllAsync(scenario.Cluster.BootstrapServers, scenario.Topics.Raw, scenario.Cancel);
            var truncated = await Retention.TruncatedPartitionsAsync(scenario.Cluster.BootstrapServers, [scenario.Topics.Raw], scenario.Cancel);
            Assert.True(truncated.Count == 0, $"the dev broker's retention dropped records, the comparison cannot hold: {string.Join(", ", truncated)} ({context})");
            var expected = all.Where(r => r.Status == 202).Select(r => Convert.ToBase64String(r.StoredBody!)).Append(Convert.ToBase64String(sentinel.Body)).Order().ToList();
            var stored = raw.Select(r => Convert.ToBase64String(r.Message.Value ?? [])).Order().ToList();
            Assert.True(expected.SequenceEqual(stored), $"the raw topic holds {stored.Count} records, the 202s were {expected.Count} ({context})");
            Assert.All(raw, r => Assert.Equal(SecretName, r.Message.Headers.GetText(RecordHeaders.SignatureKey)));

            // The worker routed each raw record exactly once, whatever it was, and is still running.
            await scenario.WaitForLagAtMostAsync(0, TimeSpan.FromSeconds(120));
            var outputTopics = await scenario.Topics.OutputsAsync(scenario.Cluster.BootstrapServers, scenario.Cancel);
            var outputs = await TopicReader.ReadAllAsync(scenario.Cluster.BootstrapServers, outputTopics, scenario.Cancel);
            truncated = await Retention.TruncatedPartitionsAsync(scenario.Cluster.BootstrapServers, outputTopics, scenario.Cancel);
            Assert.True(truncated.Count == 0, $"the dev broker's retention dropped output records: {string.Join(", ", truncated)} ({context})");
            var sources = outputs.Select(o => $"{o.Message.Headers.GetText(RecordHeaders.SourcePartition)}@{o.Message.Headers.GetText(RecordHeaders.SourceOffset)}").Order().ToList();
            Assert.Equal(raw.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Partition.Value}@{r.Offset.Value}")).Order(), sources);
            Assert.False(worker.HasExited, $"the worker died:\n{scenario.Output.Tail(worker.Name)}");

            var leaks = Security.SecretScan.FindLeaks(scenario.Secret, [("service output", scenario.Output.Text()), ("responses", string.Join('\n', all.Select(r => r.Head)))]);
            Assert.True(leaks.Count == 0, string.Join("; ", leaks));
            var summary = $"{context}: answers {string.Join(", ", all.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))} (0 = closed without an answer); {raw.Count} raw records, {outputs.Count(o => o.Topic == scenario.Topics.DeadLetter)} dead-lettered";
            TestContext.Current.TestOutputHelper?.WriteLine(summary);
            ResultsTable.Note("ingress-fuzz", summary);
        }, rawPartitions: Partitions, deadLetterPartitions: Partitions);

    /// <summary>Many partitions: the dev broker keeps only ~5 MiB of each, and the fuzz sends bodies up to 256 KiB.</summary>
    private static int Partitions => ChaosProfile.Current.IsLong ? 48 : 16;

    private static string Head(string response) => response.Length <= 600 ? response : response[..600];

    private static string Describe(IEnumerable<FuzzResult> results) =>
        string.Join('\n', results.Take(15).Select(r => $"{r.Name}: {r.Status} {r.Head.Split("\r\n")[0]}"));

    private sealed record FuzzResult(string Name, bool SignatureValid, bool MustBeAccepted, bool UnsupportedHttpVersion, int Status, byte[]? StoredBody, string Head);
}
