using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Jericommerce.Streams.Ingress.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>A full producer queue is refused at once with 503, not after the ack timeout.</summary>
public sealed class QueueFullTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_WhenTheProducerQueueIsFull_Answers503AtOnce()
    {
        await using var ingress = IsolatedIngress.Start(broker, ("Ingress:MaxQueuedMessages", "1"), ("Ingress:AckTimeout", "00:00:03"));
        var client = ingress.Client;
        using (var warmUp = await client.SendAsync(Webhook.Signed(Webhook.Event(id: "evt-warm-up")), Cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, warmUp.StatusCode);
        }

        ingress.Cluster.SetBrokerDown();
        var metrics = ingress.App.Services.GetRequiredService<IngressMetrics>();
        var waiting = client.SendAsync(Webhook.Signed(Webhook.Event(id: "evt-waiting")), Cancel);
        await Eventually.UntilAsync(() => metrics.InFlight == 1, "one request in flight", TimeSpan.FromSeconds(5), Cancel);

        var watch = Stopwatch.StartNew();
        using var refused = await client.SendAsync(Webhook.Signed(Webhook.Event(id: "evt-refused")), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"queue full took {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancel)))
        {
            Assert.Equal("urn:jericommerce-streams:problem:queue-full", problem.RootElement.GetProperty("type").GetString());
        }

        using var first = await waiting;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
    }
}
