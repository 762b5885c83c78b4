using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Jericommerce.Streams.Ingress.Tests.Support;
using Jericommerce.Streams.Testing;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>When Kafka does not acknowledge in time the sender is told to retry (503 + Retry-After); nothing is lost or doubled. Each test breaks a dev cluster of its own.</summary>
public sealed class BrokerDownTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_WhileTheBrokerIsDown_Answers503WithRetryAfterWithinTheAckTimeout_ThenTheRetryIsStoredExactlyOnce()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        cluster.CreateTopic("raw");
        await using var app = new IngressApp(cluster.BootstrapServers, "raw", Faults.Settings());
        using var client = app.CreateClient();
        using (var warmUp = await client.SendAsync(Webhook.Signed(Webhook.Event(id: "evt-warm-up")), Cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, warmUp.StatusCode);
        }

        cluster.SetBrokerDown();
        var body = Webhook.Event(id: "evt-retried");
        var signature = WebhookSignature.Base64(IngressApp.Secret, body);
        var watch = Stopwatch.StartNew();
        using var refused = await client.SendAsync(Webhook.Post(body, signature), Cancel);
        var elapsed = watch.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        Assert.InRange(elapsed, Faults.AckTimeout - TimeSpan.FromMilliseconds(100), Faults.AckTimeout + TimeSpan.FromSeconds(1));
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancel)))
        {
            Assert.Equal("urn:jericommerce-streams:problem:kafka-unavailable", problem.RootElement.GetProperty("type").GetString());
        }

        // librdkafka gives up on the refused record (message.timeout.ms = Faults.AckTimeout) and the
        // ingress logs that outcome: a late delivery report (23), or the report that made the 503 (21).
        var refusedId = Assert.Single(refused.Headers.GetValues("x-request-id"));
        var outcome = await Eventually.FoundAsync(
            _ => Task.FromResult(app.Logs.Entries.FirstOrDefault(e => e.EventId.Id is 21 or 23 && e.Value("RequestId") == refusedId)),
            () => $"the ingress to log the refused record's outcome:\n{app.Logs.AllText()}",
            TimeSpan.FromSeconds(10),
            Cancel);
        Assert.Equal("NotPersisted", outcome.Value("Persistence"));

        cluster.SetBrokerUp();
        await Faults.WaitForReadyAsync(client);
        using var retried = await client.SendAsync(Webhook.Post(body, signature), Cancel);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var records = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "raw", Cancel);
        Assert.Equal(2, records.Count);
        Assert.Single(records, r => r.Message.Value!.AsSpan().SequenceEqual(body));
    }
}
