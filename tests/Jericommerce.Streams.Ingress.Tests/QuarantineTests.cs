using System.Net;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>
/// The onboarding quarantine: failing requests are still answered 401, and kept (body, headers, the signature
/// apart) in the quarantine topic, within the per-minute count and bytes and only inside the window; never in the raw topic.
/// </summary>
public sealed class QuarantineTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhileOn_FailingRequestsAreAnswered401_AndAtMostTheCountPerMinuteIsKept_WithTheSignatureApart()
    {
        var (raw, quarantine) = await TopicsAsync("count");
        await using var app = App(raw, quarantine, maxRequests: 3);
        using var client = app.CreateClient();
        var signatures = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var body = Webhook.Event(id: $"evt-q{i}");
            var signature = WebhookSignature.Base64("the-sender's-real-secret", body);
            signatures.Add(signature);
            using var response = await client.SendAsync(Webhook.Post(body, signature), Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var kept = await TopicReader.ReadAsync(broker.BootstrapServers, quarantine, expected: 3, cancellationToken: Cancel);
        Assert.Equal(3, kept.Count);
        Assert.Equal(signatures.Take(3), kept.Select(r => r.Message.Headers.GetText(RecordHeaders.QuarantineSignature)));
        Assert.All(kept, r => Assert.Equal("signature-mismatch", r.Message.Headers.GetText(RecordHeaders.QuarantineReason)));
        Assert.All(kept, r => Assert.Equal("none", r.Message.Headers.GetText(RecordHeaders.QuarantineDiagnosis)));
        Assert.All(kept, r => Assert.Equal("Wallet click", r.Message.Headers.GetText(RecordHeaders.QuarantineHttpPrefix + "x-jericommerce-event-type")));
        Assert.All(kept, r => Assert.DoesNotContain(r.Message.Headers, h => h.Key == RecordHeaders.QuarantineHttpPrefix + Webhook.SignatureHeader));
        Assert.Equal(0, await TopicReader.CountAsync(broker.BootstrapServers, raw, Cancel));

        var scrape = await MetricsScrape.GetAsync(client, Cancel);
        Assert.Equal(3, scrape.Value("jcs_ingress_quarantine_requests_total", ("outcome", "stored")));
        Assert.Equal(2, scrape.Value("jcs_ingress_quarantine_requests_total", ("outcome", "over-budget")));
        Assert.DoesNotContain(signatures[0], app.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhileOn_TheBytesPerMinuteBoundKeepsOnlyWhatFits()
    {
        var (raw, quarantine) = await TopicsAsync("bytes");
        await using var app = App(raw, quarantine, maxRequests: 100, maxBytes: 2048);
        using var client = app.CreateClient();
        for (var i = 0; i < 6; i++)
        {
            var body = Webhook.Event(id: $"evt-b{i}");
            using var response = await client.SendAsync(Webhook.Signed(body, "a-wrong-secret"), Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var scrape = await MetricsScrape.GetAsync(client, Cancel);
        var stored = scrape.Value("jcs_ingress_quarantine_requests_total", ("outcome", "stored"));
        Assert.InRange(stored, 1, 5);
        Assert.Equal(6 - stored, scrape.Value("jcs_ingress_quarantine_requests_total", ("outcome", "over-budget")));
        var kept = await TopicReader.ReadAsync(broker.BootstrapServers, quarantine, expected: (int)stored, cancellationToken: Cancel);
        Assert.InRange(kept.Sum(r => r.Message.Value!.Length), 1, 2048);
    }

    [Fact]
    public async Task AfterTheWindow_NothingIsKept()
    {
        var (raw, quarantine) = await TopicsAsync("window");
        await using var app = App(raw, quarantine, until: FixedTimeProvider.Instant.AddSeconds(-1));
        using var client = app.CreateClient();
        using (var response = await client.SendAsync(Webhook.Signed(Webhook.Event(), "a-wrong-secret"), Cancel))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var scrape = await MetricsScrape.GetAsync(client, Cancel);
        Assert.Equal(1, scrape.Value("jcs_ingress_quarantine_requests_total", ("outcome", "window-closed")));
        Assert.Equal(0, await TopicReader.CountAsync(broker.BootstrapServers, quarantine, Cancel));
    }

    [Fact]
    public async Task Start_WithTheQuarantineOnButNoWindow_FailsNamingTheKey()
    {
        await using var app = new IngressApp(broker.BootstrapServers, "unused", new Dictionary<string, string?> { ["Ingress:Quarantine:Enabled"] = "true" });

        Assert.Contains("Ingress:Quarantine:Until must be set", app.StartupFailure(), StringComparison.Ordinal);
    }

    private async Task<(string Raw, string Quarantine)> TopicsAsync(string name) =>
        (await broker.CreateTopicAsync($"ingress-qraw-{name}"), await broker.CreateTopicAsync($"ingress-quarantine-{name}"));

    private IngressApp App(string raw, string quarantine, int maxRequests = 60, long maxBytes = 1_048_576, DateTimeOffset? until = null) =>
        new(broker.BootstrapServers, raw, new Dictionary<string, string?>
        {
            ["Ingress:Quarantine:Enabled"] = "true",
            ["Ingress:Quarantine:Topic"] = quarantine,
            ["Ingress:Quarantine:Until"] = (until ?? FixedTimeProvider.Instant.AddDays(1)).ToString("O"),
            ["Ingress:Quarantine:MaxRequestsPerMinute"] = maxRequests.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingress:Quarantine:MaxBytesPerMinute"] = maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
