using System.Net;
using System.Text.Json;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>The body limit (default 256 KiB): above it 413 and nothing produced; exactly at it, accepted.</summary>
public sealed class BodyLimitTests(BrokerFixture broker)
{
    private const int DefaultLimit = 262_144;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_ExactlyAtTheDefaultLimit_IsAccepted_AndStoredWhole()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-limit");
        using var client = app.CreateClient();
        var body = JsonOfLength(DefaultLimit);

        using var response = await client.SendAsync(Webhook.Signed(body), Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, app.Topic, expected: 1, cancellationToken: Cancel));
        Assert.Equal(body, record.Message.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_OneByteOverTheLimit_Answers413_AndProducesNothing(bool withContentLength)
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-413");
        using var client = app.CreateClient();
        var body = JsonOfLength(DefaultLimit + 1);
        HttpContent content = withContentLength ? new ByteArrayContent(body) : new StreamContent(new UnknownLengthStream(body));

        using var response = await client.SendAsync(Webhook.Post(body, WebhookSignature.Base64(IngressApp.Secret, body), content: content), Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("urn:jericommerce-streams:problem:payload-too-large", problem.RootElement.GetProperty("type").GetString());
        await Sentinel.AssertOnlySentinelLandsAsync(app, client, broker.BootstrapServers, app.Topic, Cancel);
    }

    [Fact]
    public async Task Post_WithAConfiguredLimit_AcceptsExactlyThatMany_AndRefusesOneMore()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-limit-configured", new Dictionary<string, string?> { ["Ingress:MaxBodyBytes"] = "1000" });
        using var client = app.CreateClient();

        using (var response = await client.SendAsync(Webhook.Signed(JsonOfLength(1001)), Cancel))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        using (var response = await client.SendAsync(Webhook.Signed(JsonOfLength(1000)), Cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        Assert.Equal(1, await TopicReader.CountAsync(broker.BootstrapServers, app.Topic, Cancel));
    }

    /// <summary>A JSON object of exactly <paramref name="length"/> bytes.</summary>
    internal static byte[] JsonOfLength(int length)
    {
        var head = "{\"id\":\"evt-big\",\"customerId\":\"cust-big\",\"padding\":\""u8.ToArray();
        var tail = "\"}"u8.ToArray();
        var body = new byte[length];
        head.CopyTo(body, 0);
        body.AsSpan(head.Length, length - head.Length - tail.Length).Fill((byte)'x');
        tail.CopyTo(body, length - tail.Length);
        return body;
    }

    /// <summary>A stream that does not tell its length, so the request is sent without Content-Length.</summary>
    internal sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
