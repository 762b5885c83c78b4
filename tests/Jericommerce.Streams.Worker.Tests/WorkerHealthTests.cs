using System.Net;
using Jericommerce.Streams.Worker.Consuming;
using Microsoft.Extensions.DependencyInjection;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>/readyz needs an assignment (or the wait for one) and a broker that answers; /livez only a live process.</summary>
public sealed class WorkerHealthTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<HttpStatusCode> WaitForStatusAsync(HttpClient client, string path, HttpStatusCode expected, TimeSpan timeout)
    {
        HttpStatusCode? last = null;
        await Eventually.UntilAsync(
            async token =>
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), token);
                return (last = response.StatusCode) == expected;
            },
            () => $"{path} to answer {(int)expected} (it answered {(int?)last})",
            timeout,
            Cancel);
        return last!.Value;
    }

    [Fact]
    public async Task Readyz_FollowsTheBrokerConnection_DownThenUp_WhileLivezStaysUp()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        var topics = await PipelineTopics.CreateAsync(cluster);
        await using var worker = await InProcessWorker.StartAsync(WorkerMetricsTests.FastSettings(topics, cluster.BootstrapServers));
        using var client = worker.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await WaitForStatusAsync(client, "/readyz", HttpStatusCode.OK, TimeSpan.FromSeconds(30)));

        cluster.SetBrokerDown();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await WaitForStatusAsync(client, "/readyz", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30)));
        using (var live = await client.GetAsync(new Uri("/livez", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        cluster.SetBrokerUp();
        Assert.Equal(HttpStatusCode.OK, await WaitForStatusAsync(client, "/readyz", HttpStatusCode.OK, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task WaitingForAnAssignmentWithNoBrokerAnswering_IsNotReady_ButLive()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Worker:LagSampleInterval"] = "00:00:00.200",
        };
        await using var worker = await InProcessWorker.StartAsync(settings);
        using var client = worker.CreateClient();
        var loop = worker.Services.GetRequiredService<ConsumeLoop>();
        await Eventually.UntilAsync(() => loop.State == ConsumeLoopState.WaitingForAssignment, "the consume loop to wait for an assignment", TimeSpan.FromSeconds(10), Cancel);

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var live = await client.GetAsync(new Uri("/livez", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
