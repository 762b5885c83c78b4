using System.Net.Sockets;
using System.Net;
using System.Text.Json;
using System.Text;
using Jericommerce.Streams.Ingress.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>
/// Through real Kestrel (not the in-memory test server): its own limits agree with the endpoint's
/// answers, and stopping the host lets the request in flight finish.
/// </summary>
public sealed class KestrelTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_OverTheLimitThroughKestrel_Answers413WithAProblem_NotAnotherError(bool withContentLength)
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-kestrel-413", new Dictionary<string, string?> { ["Ingress:MaxBodyBytes"] = "4096" });
        app.UseKestrel(0);
        using var client = app.CreateClient();
        var body = BodyLimitTests.JsonOfLength(4097);
        HttpContent content = withContentLength ? new ByteArrayContent(body) : new StreamContent(new BodyLimitTests.UnknownLengthStream(body));

        using var response = await client.SendAsync(Webhook.Post(body, WebhookSignature.Base64(IngressApp.Secret, body), content: content), Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("urn:jericommerce-streams:problem:payload-too-large", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(0, await TopicReader.CountAsync(broker.BootstrapServers, app.Topic, Cancel));
    }

    [Fact]
    public async Task Post_ExactlyAtTheLimitChunkedThroughKestrel_IsAccepted()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-kestrel-limit", new Dictionary<string, string?> { ["Ingress:MaxBodyBytes"] = "40000" });
        app.UseKestrel(0);
        using var client = app.CreateClient();
        var body = BodyLimitTests.JsonOfLength(40_000);

        using var response = await client.SendAsync(Webhook.Post(body, WebhookSignature.Base64(IngressApp.Secret, body), content: new StreamContent(new BodyLimitTests.UnknownLengthStream(body))), Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, app.Topic, expected: 1, cancellationToken: Cancel));
        Assert.Equal(body, record.Message.Value);
    }

    [Fact]
    public async Task Post_WithMoreHeadersThanTheLimit_IsRefusedByKestrelWith431()
    {
        await using var app = new IngressApp(broker.BootstrapServers, "unused", new Dictionary<string, string?> { ["Ingress:Limits:MaxRequestHeaderCount"] = "10" });
        app.UseKestrel(0);
        using var client = app.CreateClient();
        var body = Webhook.Event();
        using var request = Webhook.Signed(body);
        for (var i = 0; i < 12; i++)
        {
            request.Headers.Add($"x-extra-{i}", "1");
        }

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task StoppingTheHost_LetsTheRequestInFlightFinishWith202()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        cluster.CreateTopic("raw");
        var app = new IngressApp(cluster.BootstrapServers, "raw");
        try
        {
            app.UseKestrel(0);

            // A client of its own: the factory disposes the ones it made when it stops.
            using var client = new HttpClient { BaseAddress = app.CreateClient().BaseAddress };
            using (var warmUp = await client.SendAsync(Webhook.Signed(Webhook.Event(id: "evt-warm-up")), Cancel))
            {
                Assert.Equal(HttpStatusCode.Accepted, warmUp.StatusCode);
            }

            cluster.SetRoundTripTime(TimeSpan.FromMilliseconds(1500));
            var metrics = app.Services.GetRequiredService<IngressMetrics>();
            var body = Webhook.Event(id: "evt-in-flight");
            var inFlight = client.SendAsync(Webhook.Signed(body), Cancel);
            await Eventually.UntilAsync(() => metrics.InFlight == 1, "one request in flight", TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

            var stopping = app.DisposeAsync().AsTask();
            using var response = await inFlight;
            await stopping;

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

            // The server finished its requests before the producer was flushed.
            var flushing = Assert.Single(app.Logs.Entries, e => e.EventId.Id == 33);
            Assert.Equal("0", flushing.Value("InFlight"));
            cluster.SetRoundTripTime(TimeSpan.Zero);
            var records = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "raw", Cancel);
            Assert.Equal(body, records[^1].Message.Value);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
