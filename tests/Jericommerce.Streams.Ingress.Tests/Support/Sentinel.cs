namespace Jericommerce.Streams.Ingress.Tests.Support;

/// <summary>
/// Proves that refused requests produced nothing: after them, one accepted request (the sentinel)
/// is sent through the same app; the topic must then hold exactly that record. Anything produced
/// by an earlier request would come before it.
/// </summary>
internal static class Sentinel
{
    public static async Task AssertOnlySentinelLandsAsync(IngressApp app, HttpClient client, string bootstrapServers, string topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(client);
        var sentinel = Webhook.Event(customerId: "sentinel", id: "evt-sentinel");
        using (var request = Webhook.Signed(sentinel))
        using (var response = await client.SendAsync(request, cancellationToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        var records = await TopicReader.ReadAllAsync(bootstrapServers, topic, cancellationToken);
        var only = Assert.Single(records);
        Assert.Equal(sentinel, only.Message.Value);
    }
}
