using System.Text;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Reliability.Tests.Hostile;
using Jericommerce.Streams.Reliability.Tests.Sending;

namespace Jericommerce.Streams.Reliability.Tests.Security;

/// <summary>
/// Rotating the webhook secret under load without downtime: two ingress replicas (a load balancer's
/// view: the sender fails over between them), each restarted in turn (SIGTERM, graceful) to add the
/// new secret, then Jericommerce switches to it, then each is restarted again to drop the old one. No
/// request is refused at any point, every event lands once, and the old secret stops working at the end.
/// </summary>
public sealed class SecretRotationTests
{
    private const string OldName = "old";
    private const string NewName = "new";

    [Fact]
    public Task RotatingTheSecretUnderLoad_WithTwoActiveSecretsDuringTheSwitch_RefusesNothing_AndTheOldSecretEndsRefused() =>
        Scenario.RunAsync(7, "7. Secret rotation under load (two replicas, rolling restarts)", async scenario =>
        {
            var profile = scenario.Profile;
            var oldSecret = scenario.Secret;
            var newSecret = $"jcs-n3w-s3cret-{Guid.NewGuid():N}";
            var onlyOld = new Dictionary<string, string> { [OldName] = oldSecret };
            var both = new Dictionary<string, string> { [OldName] = oldSecret, [NewName] = newSecret };
            var onlyNew = new Dictionary<string, string> { [NewName] = newSecret };

            var replicas = new[] { await scenario.StartIngressAsync(secrets: onlyOld), await scenario.StartIngressAsync(secrets: onlyOld) };
            await scenario.StartWorkerAsync();
            using var sender = scenario.CreateSender(replicas);
            using var stop = new CancellationTokenSource();

            // The load runs for the whole rotation, however long the restarts take, and a little after.
            var load = scenario.StartLoad(sender, duration: TimeSpan.FromMinutes(10), stopSending: stop.Token);
            var pause = profile.LoadDuration / 6;
            await scenario.Deadline.PauseAsync(pause, "the first rolling restart (add the new secret)");
            await RollAsync(scenario, replicas, both);
            await scenario.Deadline.PauseAsync(pause, "the sender's switch to the new secret");
            sender.Secret = newSecret;
            await scenario.Deadline.PauseAsync(pause, "the second rolling restart (drop the old secret)");
            await RollAsync(scenario, replicas, onlyNew);
            await scenario.Deadline.PauseAsync(pause, "the end of the load");
            await stop.CancelAsync();
            await scenario.Deadline.WaitAsync("the sender's last retries", load);
            var account = await scenario.SettleAsync(sender);

            // After the rotation, the old secret is refused by every replica.
            var probe = Encoding.UTF8.GetBytes("""{"id":"rotation-probe","customerId":"c","createdAt":"2025-06-01T12:00:00Z","properties":{}}""");
            var refusedOld = new List<int>();
            foreach (var replica in replicas)
            {
                using var client = new HttpClient { BaseAddress = replica.BaseAddress };
                using var request = new HttpRequestMessage(HttpMethod.Post, Signing.WebhookPath) { Content = new ByteArrayContent(probe) };
                request.Headers.TryAddWithoutValidation(Signing.SignatureHeader, WebhookSignature.Base64(oldSecret, probe));
                using var response = await client.SendAsync(request, scenario.Cancel);
                refusedOld.Add((int)response.StatusCode);
            }

            var keys = account.Headers.Select(h => h.GetText(RecordHeaders.SignatureKey)).Where(k => k is not null).Distinct().Order().ToList();
            scenario.Record(
                account,
                "0",
                $"4 rolling restarts (add new, switch sender, drop old); {sender.Stats.NoAnswer} connection errors failed over; non-2xx answers: {sender.Stats.Unavailable + sender.Stats.ClientErrors + sender.Stats.OtherServerErrors}; records signed with: {string.Join(", ", keys)}");
            scenario.AssertNothingLost(account, sender);
            Assert.True(sender.Stats.ClientErrors == 0 && sender.Stats.Unavailable == 0 && sender.Stats.OtherServerErrors == 0, $"a request was refused during the rotation: {sender.Stats}");
            Assert.Equal([NewName, OldName], keys);
            Assert.Equal([401, 401], refusedOld);
            Assert.True(account.TypedExtra == 0, $"typed duplicates: {account.Describe()}");
            await scenario.AssertSecretNeverLeakedAsync(account, sender, oldSecret, newSecret);
        });

    /// <summary>Restarts each replica in turn with <paramref name="secrets"/>, on its own port, the other one serving meanwhile.</summary>
    private static async Task RollAsync(Scenario scenario, ServiceProcess[] replicas, Dictionary<string, string> secrets)
    {
        for (var i = 0; i < replicas.Length; i++)
        {
            scenario.Deadline.Waiting($"{replicas[i].Name} to stop (SIGTERM) for a rolling restart");
            await replicas[i].StopAsync(TimeSpan.FromSeconds(30));
            replicas[i] = await scenario.StartIngressAsync(port: replicas[i].Port, secrets: secrets, more: IngressLimits.Shortened);
        }
    }
}
