using System.Net;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>/readyz follows the producer's view of the broker; /livez does not.</summary>
public sealed class ReadinessTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readyz_FollowsTheBroker_DownThenUpAgain()
    {
        await using var ingress = IsolatedIngress.Start(broker);
        var client = ingress.Client;
        await Faults.WaitForReadyAsync(client);

        ingress.Cluster.SetBrokerDown();
        await Faults.WaitForReadyzAsync(client, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15));
        using (var live = await client.GetAsync("/livez", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        ingress.Cluster.SetBrokerUp();
        await Faults.WaitForReadyAsync(client);
    }
}
