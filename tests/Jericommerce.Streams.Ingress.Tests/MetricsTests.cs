using System.Net;
using System.Text;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>GET /metrics after known requests: each request counted once, by status and reason, under the documented names.</summary>
public sealed class MetricsTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterGoodAndBadRequests_CountersShowEachByStatusCodeAndReason()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-metrics", new Dictionary<string, string?> { ["Kafka:Client:statistics.interval.ms"] = "1000" });
        using var client = app.CreateClient();
        var body = Webhook.Event();
        var statuses = new List<HttpStatusCode>();
        async Task SendAsync(HttpRequestMessage request)
        {
            using var response = await client.SendAsync(request, Cancel);
            statuses.Add(response.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            await SendAsync(Webhook.Signed(Webhook.Event(id: $"evt-m{i}")));
        }

        await SendAsync(Webhook.Signed(body, "a-wrong-secret"));
        await SendAsync(Webhook.Signed(body, "another-wrong-secret"));
        await SendAsync(Webhook.Post(body, "definitely not a signature"));
        await SendAsync(Webhook.Post(body, signature: null));
        await SendAsync(Webhook.Signed(Encoding.UTF8.GetBytes(new string(' ', 300_000))));
        Assert.Equal(
            [HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.RequestEntityTooLarge],
            statuses);

        var scrape = await MetricsScrape.WaitForAsync(
            client,
            s => s.Find("jcs_kafka_producer_queue_messages").Count == 1,
            TimeSpan.FromSeconds(20),
            "the producer's first librdkafka statistics",
            Cancel);

        Assert.Equal(3, scrape.Value("jcs_ingress_requests_total", ("http_response_status_code", "202")));
        Assert.Equal(4, scrape.Value("jcs_ingress_requests_total", ("http_response_status_code", "401")));
        Assert.Equal(1, scrape.Value("jcs_ingress_requests_total", ("http_response_status_code", "413")));
        Assert.Equal(8, scrape.Sum("jcs_ingress_requests_total"));
        Assert.Equal(2, scrape.Value("jcs_ingress_signature_failures_total", ("reason", "signature-mismatch")));
        Assert.Equal(1, scrape.Value("jcs_ingress_signature_failures_total", ("reason", "malformed-signature")));
        Assert.Equal(1, scrape.Value("jcs_ingress_signature_failures_total", ("reason", "missing-signature")));
        Assert.Equal(3, scrape.Value("jcs_ingress_request_duration_seconds_count", ("http_response_status_code", "202")));
        Assert.Equal(8, scrape.Sum("jcs_ingress_request_duration_seconds_count"));
        Assert.Equal(3, scrape.Value("jcs_ingress_kafka_ack_duration_seconds_count", ("outcome", "persisted")));

        // Bodies are measured once read: the 3 accepted and the 2 with a mismatching signature (the
        // malformed and missing signatures, and the oversized body, are refused before reading).
        Assert.Equal(5, scrape.Value("jcs_ingress_body_size_bytes_count"));
        Assert.Equal(5 * body.Length, scrape.Value("jcs_ingress_body_size_bytes_sum"), 0.5 * body.Length);
        Assert.Equal(0, scrape.Value("jcs_ingress_kafka_in_flight"));
        Assert.Equal("histogram", scrape.TypeOf("jcs_ingress_request_duration_seconds"));
        Assert.Equal("counter", scrape.TypeOf("jcs_ingress_requests_total"));
        Assert.InRange(scrape.Value("jcs_kafka_producer_queue_messages"), 0, 10_000);
    }

    [Fact]
    public async Task EveryDocumentedMetric_IsExported_AndNoneCarriesAnId()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-metric-names", new Dictionary<string, string?> { ["Kafka:Client:statistics.interval.ms"] = "1000" });
        using var client = app.CreateClient();
        using (var accepted = await client.SendAsync(Webhook.Signed(Webhook.Event(id: "evt-names")), Cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using (var refused = await client.SendAsync(Webhook.Post(Webhook.Event(), signature: null), Cancel))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // Late deliveries only exist after a 503; the RTT only for a statistics window with requests.
        var expected = ExportedMetrics.Ingress.Except(["jcs_ingress_kafka_late_deliveries_total"]).ToList();
        var scrape = await MetricsScrape.WaitForAsync(
            client,
            s => expected.All(s.Families.Contains),
            TimeSpan.FromSeconds(20),
            "every documented ingress metric",
            Cancel);

        var labels = scrape.Samples.Where(s => s.Name.StartsWith("jcs_", StringComparison.Ordinal)).SelectMany(s => s.Labels.Keys).ToHashSet();
        Assert.Subset(new HashSet<string> { "http_response_status_code", "reason", "outcome", "persistence", "broker_id", "le" }, labels);
        Assert.DoesNotContain(scrape.Samples, s => s.Labels.Values.Any(v => v.Contains("evt-", StringComparison.Ordinal)));
    }
}
