using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>When Kafka does not acknowledge in time the sender is told to retry (503 + Retry-After); nothing is lost or doubled. Each test breaks a dev cluster of its own.</summary>
public sealed class BrokerDownTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_WhileTheBrokerIsDown_Answers503WithRetryAfterWithinTheAckTimeout_ThenTheRetryIsStoredExactlyOnce()
    {
        await using var ingress = IsolatedIngress.Start(broker);
        var client = ingress.Client;
        var warmUpBody = Webhook.Event(id: "evt-warm-up");

        // The warm-up only proves the path works before the broker goes down: on a loaded machine its first produce
        // may miss the short ack timeout, so it is sent again until stored (its copies are told apart below).
        await Faults.WaitForReadyAsync(client);
        await Eventually.UntilAsync(
            async token =>
            {
                using var warmUp = await client.SendAsync(Webhook.Signed(warmUpBody), token);
                return warmUp.StatusCode == HttpStatusCode.Accepted;
            },
            "the warm-up event to be stored",
            TimeSpan.FromSeconds(20),
            Cancel);

        ingress.Cluster.SetBrokerDown();
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
        await AssertLoggedNotPersistedAsync(ingress.App, refused, "the refused record", Cancel);

        ingress.Cluster.SetBrokerUp();
        await Faults.WaitForReadyAsync(client);

        // As a sender does, retry until 2xx. On a loaded machine the first produce after the broker's return can miss
        // the short ack timeout; a retry is sent only once the ingress has logged the 503'd record as not persisted,
        // so a second copy in the raw topic would still be a failure.
        await Eventually.UntilAsync(
            async token =>
            {
                using var retried = await client.SendAsync(Webhook.Post(body, signature), token);
                if (retried.StatusCode == HttpStatusCode.Accepted)
                {
                    return true;
                }

                await AssertLoggedNotPersistedAsync(ingress.App, retried, "the 503'd record", token);
                return false;
            },
            () => $"a retry to be stored once the broker is back:\n{ingress.App.Logs.AllText()}",
            TimeSpan.FromSeconds(30),
            Cancel);
        var records = await TopicReader.ReadAllAsync(ingress.Cluster.BootstrapServers, IsolatedIngress.RawTopic, Cancel);
        Assert.Single(records, r => r.Message.Value!.AsSpan().SequenceEqual(body));
        Assert.All(records, r => Assert.True(r.Message.Value!.AsSpan().SequenceEqual(body) || r.Message.Value!.AsSpan().SequenceEqual(warmUpBody)));
    }

    /// <summary>
    /// Waits for the ingress to log the outcome of the record behind a response (a late delivery report, 23, or the
    /// report that made the 503, 21), and checks that it was not persisted.
    /// </summary>
    private static async Task AssertLoggedNotPersistedAsync(IngressApp app, HttpResponseMessage response, string record, CancellationToken cancellationToken)
    {
        var requestId = Assert.Single(response.Headers.GetValues("x-request-id"));
        var outcome = await Eventually.FoundAsync(
            _ => Task.FromResult(app.Logs.Entries.FirstOrDefault(e => e.EventId.Id is 21 or 23 && e.Value("RequestId") == requestId)),
            () => $"the ingress to log {record}'s outcome:\n{app.Logs.AllText()}",
            TimeSpan.FromSeconds(10),
            cancellationToken);
        Assert.Equal("NotPersisted", outcome.Value("Persistence"));
    }
}
