using System.Net;
using Confluent.Kafka;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>The ingress needs the raw topic: while it is missing /readyz answers 503 naming it, and the probe never creates it by asking.</summary>
public sealed class TopologyReadinessTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readyz_WhileTheRawTopicIsMissing_Answers503NamingIt_WithoutCreatingIt_ThenReadyOnceItExists()
    {
        var raw = BrokerFixture.UniqueName("raw-later");
        await using var app = new IngressApp(broker.BootstrapServers, raw);
        using var client = app.CreateClient();

        var body = await ReadyzAsync(client, HttpStatusCode.ServiceUnavailable, $"kafka: missing topic(s): {raw} (Kafka:Topology:Create is false");
        Assert.StartsWith("Unhealthy\n", body, StringComparison.Ordinal);
        Assert.False(Exists(raw), "the probe must not have created the raw topic");

        await broker.Broker.CreateTopicAsync(raw, 2);
        await ReadyzAsync(client, HttpStatusCode.OK, "Healthy");
    }

    [Fact]
    public async Task Start_WithATopologySettingOutOfRange_FailsNamingTheKey()
    {
        await using var app = new IngressApp(broker.BootstrapServers, "raw", new Dictionary<string, string?> { ["Kafka:Topology:DeadLetterPartitions"] = "0" });

        Assert.Contains("Kafka:Topology:DeadLetterPartitions", app.StartupFailure(), StringComparison.Ordinal);
    }

    private bool Exists(string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        return admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Exists(t => t.Topic == topic && !t.Error.IsError);
    }

    private static async Task<string> ReadyzAsync(HttpClient client, HttpStatusCode status, string expected)
    {
        var last = "";
        return await Eventually.FoundAsync(
            async token =>
            {
                using var response = await client.GetAsync("/readyz", token);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(token)}";
                return response.StatusCode == status && last.Contains(expected, StringComparison.Ordinal) ? last[4..] : null;
            },
            () => $"/readyz to answer {(int)status} with '{expected}'; it last answered {last}",
            TimeSpan.FromSeconds(20),
            Cancel);
    }
}
