using System.Net;
using System.Text.Json;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>What answers besides the webhook: other methods, other paths, health probes; and the request id on all.</summary>
public sealed class HttpSurfaceTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task OtherMethodsOnTheWebhookPath_Answer405_WithAllowPost(string method)
    {
        await using var app = new IngressApp(broker.BootstrapServers, "unused");
        using var client = app.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Webhook.Path), Cancel);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Single(response.Headers.GetValues("x-request-id"));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("urn:jericommerce-streams:problem:method-not-allowed", problem.RootElement.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("POST", "/webhooks/shopify")]
    [InlineData("POST", "/webhooks/jericommerce/extra")]
    public async Task OtherPaths_Answer404_WithARequestId(string method, string path)
    {
        await using var app = new IngressApp(broker.BootstrapServers, "unused");
        using var client = app.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(response.Headers.GetValues("x-request-id"));
    }

    [Fact]
    public async Task Livez_Answers200_AndReadyz_Answers200OnceTheProducerHasMetadataForTheRawTopic()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-health");
        using var client = app.CreateClient();

        using var live = await client.GetAsync("/livez", Cancel);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(Cancel));
        Assert.Single(live.Headers.GetValues("x-request-id"));
        await Faults.WaitForReadyAsync(client);
    }
}
