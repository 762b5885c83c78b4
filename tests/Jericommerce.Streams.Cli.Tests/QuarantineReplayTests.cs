using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary>
/// The onboarding story end to end on the dev broker: a sender that signs in an unexpected variant is refused
/// 401 and quarantined; after the fix, <c>jcs quarantine replay</c> feeds the raw topic once, a second replay adds
/// nothing, a request that still fails stays in quarantine, and the worker routes only what passed verification.
/// </summary>
public sealed class QuarantineReplayTests(BrokerFixture broker)
{
    private const string HexSecret = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replay_AfterTheFix_WritesEachPassingRequestOnce_LeavesTheFailingOne_AndOnlyVerifiedEventsReachATypedTopic()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        var quarantine = $"{topics.Prefix}.quarantine";
        await broker.Broker.CreateTopicAsync(quarantine, 1);
        var good = RawProducer.Event("customer-created.valid.json", "evt-onboarded", "cus-q1");
        var forged = RawProducer.Event("customer-created.valid.json", "evt-forged", "cus-q2");
        var variantSignature = Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromHexString(HexSecret), good));

        await using (var ingress = await InProcessIngress.StartAsync(broker.BootstrapServers, topics.Raw, new Dictionary<string, string?>
        {
            ["Ingress:Secrets:0"] = HexSecret,
            ["Ingress:Quarantine:Enabled"] = "true",
            ["Ingress:Quarantine:Topic"] = quarantine,
            ["Ingress:Quarantine:Until"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O", CultureInfo.InvariantCulture),
        }))
        {
            using var client = new HttpClient();

            // The sender's first try and its retry, both in the variant; and a request with a signature nobody can make.
            foreach (var (body, signature) in new[] { (good, variantSignature), (good, variantSignature), (forged, Convert.ToBase64String(HMACSHA256.HashData("not-the-secret"u8, forged))) })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, ingress.WebhookUrl) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("x-jericommerce-hmac-sha256", signature);
                request.Headers.Add("x-jericommerce-event-type", "Customer created");
                using var response = await client.SendAsync(request, Cancel);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        Assert.Equal(3, (await TopicReader.ReadAsync(broker.BootstrapServers, quarantine, expected: 3, cancellationToken: Cancel)).Count);
        Assert.Equal(0, await TopicReader.CountAsync(broker.BootstrapServers, topics.Raw, Cancel));
        string[] args = ["quarantine", "replay", "--quarantine-topic", quarantine, "--secret", HexSecret, .. topics.Args(broker.BootstrapServers, typed: false, deadLetter: false)];

        var before = await JcsRun.InvokeAsync([.. args], Cancel);
        var first = await JcsRun.InvokeAsync([.. args, "--variant", "0=hex-lower/hex/raw"], Cancel);
        var second = await JcsRun.InvokeAsync([.. args, "--variant", "0=hex-lower/hex/raw"], Cancel);

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.EndsWith("replayed 0 request(s) from " + quarantine + " to " + topics.Raw + "; 0 already replayed or duplicate(s); 3 still failing (left in quarantine)", before.Out.Lines[^1], StringComparison.Ordinal);
        Assert.Contains(before.Out.Lines, l => l.Contains("--variant 0=hex-lower/hex/raw", StringComparison.Ordinal));
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.EndsWith("replayed 1 request(s) from " + quarantine + " to " + topics.Raw + "; 1 already replayed or duplicate(s); 1 still failing (left in quarantine)", first.Out.Lines[^1], StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.EndsWith("replayed 0 request(s) from " + quarantine + " to " + topics.Raw + "; 2 already replayed or duplicate(s); 1 still failing (left in quarantine)", second.Out.Lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(HexSecret, before + first.ToString() + second, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(variantSignature, before + first.ToString() + second, StringComparison.OrdinalIgnoreCase);

        var replayed = Assert.Single(await TopicReader.ReadAllAsync(broker.BootstrapServers, topics.Raw, cancellationToken: Cancel));
        Assert.Equal(good, replayed.Message.Value);
        Assert.StartsWith(quarantine + "/0/", replayed.Message.Headers.GetText(RecordHeaders.QuarantineSource), StringComparison.Ordinal);
        Assert.Equal("hex-lower/hex/raw", replayed.Message.Headers.GetText(RecordHeaders.SignatureVariant));
        Assert.Equal("0", replayed.Message.Headers.GetText(RecordHeaders.SignatureKey));
        Assert.Equal("Customer created", replayed.Message.Headers.GetText(RecordHeaders.EventTypeReceived));
        Assert.NotNull(replayed.Message.Headers.GetText(RecordHeaders.ReplayedAt));

        await using (await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers)))
        {
            var typed = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, topics.TypedTopic("customer-created"), expected: 1, cancellationToken: Cancel));
            Assert.Equal("evt-onboarded", typed.Message.Headers.GetText(RecordHeaders.EventId));
        }

        var everywhere = await TopicReader.ReadAllAsync(broker.BootstrapServers, [.. topics.Typed, topics.DeadLetter, topics.Raw], cancellationToken: Cancel);
        Assert.Equal(2, everywhere.Count);
        Assert.DoesNotContain(everywhere, r => Encoding.UTF8.GetString(r.Message.Value ?? []).Contains("evt-forged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TopicsCreate_WithAQuarantineTopic_PlansItWithAWeeksRetention()
    {
        var run = await JcsRun.InvokeAsync(["topics", "create", "--dry-run", "--quarantine-topic", "jericommerce.quarantine"], Cancel);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.Out.Lines, l => l.StartsWith("would create jericommerce.quarantine", StringComparison.Ordinal) && l.EndsWith("retention 7d", StringComparison.Ordinal));
    }
}
