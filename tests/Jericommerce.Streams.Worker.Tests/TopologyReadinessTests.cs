using System.Net;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>
/// At start-up the worker checks that its topics exist: missing ones make /readyz answer 503 naming them (and, with
/// Kafka:Topology:Create, are created on a Kafka that has CreateTopics); it becomes ready once they exist.
/// </summary>
public sealed class TopologyReadinessTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Topics of the test's own, and worker settings that name a dead-letter topic that does not exist (yet).</summary>
    private async Task<(PipelineTopics Topics, string DeadLetter, Dictionary<string, string?> Settings)> WithoutTheDeadLetterTopicAsync(string name)
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 1);
        var deadLetter = BrokerFixture.UniqueName(name);
        var settings = topics.Settings(broker.BootstrapServers);
        settings["Worker:DeadLetterTopic"] = deadLetter;
        return (topics, deadLetter, settings);
    }

    [Fact]
    public async Task Readyz_WhileTheDeadLetterTopicIsMissing_Answers503NamingIt_WithoutCreatingIt_ThenReadyOnceItExists()
    {
        var (topics, deadLetter, settings) = await WithoutTheDeadLetterTopicAsync("dlq-later");
        await using var worker = await InProcessWorker.StartAsync(settings);
        using var client = worker.CreateClient();

        var body = await ReadinessOnceAsync(client, HttpStatusCode.ServiceUnavailable, $"topology: missing topic(s): {deadLetter} (Kafka:Topology:Create is false");
        Assert.DoesNotContain(topics.Raw, body, StringComparison.Ordinal);
        Assert.False(TopicWait.Exists(broker.BootstrapServers, deadLetter), "the check must not have created the topic");

        await broker.Broker.CreateTopicAsync(deadLetter, 1);
        await ReadinessOnceAsync(client, HttpStatusCode.OK, "Healthy");
    }

    [Fact]
    public async Task Readyz_WithCreationAllowedOnTheDevBroker_SaysItHasNoCreateTopics()
    {
        Assert.SkipWhen(broker.Capabilities.CreateTopicsApi, $"{broker.Capabilities.Name} supports CreateTopics: the creation test covers it.");
        var (_, deadLetter, settings) = await WithoutTheDeadLetterTopicAsync("dlq-never");
        settings["Kafka:Topology:Create"] = "true";
        await using var worker = await InProcessWorker.StartAsync(settings);
        using var client = worker.CreateClient();

        await ReadinessOnceAsync(client, HttpStatusCode.ServiceUnavailable, $"missing topic(s): {deadLetter} (the broker has no CreateTopics API");
    }

    [Fact]
    public async Task Start_WithCreationAllowed_CreatesTheMissingTopicsAsDescribed_AndIsReady()
    {
        Assert.SkipUnless(broker.Capabilities.CreateTopicsApi, $"{broker.Capabilities.Name} has no CreateTopics API; this needs a real Kafka (JCS_TEST_KAFKA=testcontainers).");
        var (_, deadLetter, settings) = await WithoutTheDeadLetterTopicAsync("dlq-created");
        settings["Kafka:Topology:Create"] = "true";
        settings["Kafka:Topology:ReplicationFactor"] = "1";
        settings["Kafka:Topology:DeadLetterPartitions"] = "3";

        // Created during start-up, before routing begins.
        await using var worker = await InProcessWorker.StartAsync(settings);
        Assert.True(TopicWait.Exists(broker.BootstrapServers, deadLetter));
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        Assert.Equal(3, admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Single(t => t.Topic == deadLetter).Partitions.Count);
        using var client = worker.CreateClient();
        await ReadinessOnceAsync(client, HttpStatusCode.OK, "Healthy");
    }

    [Fact]
    public void Metadata_NamingAMissingTopic_CreatesItOnTheDevBroker_SoTheCheckAsksForAllTopics()
    {
        Assert.SkipWhen(broker.Capabilities.CreateTopicsApi, $"{broker.Capabilities.Name} follows its own auto.create.topics.enable.");
        var named = BrokerFixture.UniqueName("named");

        // The admin client of a producer handle (the ingress's readiness probe) allows auto-creation by default.
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        Assert.False(TopicWait.Exists(broker.BootstrapServers, named));
        admin.GetMetadata(named, TimeSpan.FromSeconds(10));

        Assert.True(TopicWait.Exists(broker.BootstrapServers, named), "a request naming the topic created it");
    }

    /// <summary>Polls /readyz until it answers <paramref name="status"/> with <paramref name="reason"/> in its body, and returns that body.</summary>
    private static async Task<string> ReadinessOnceAsync(HttpClient client, HttpStatusCode status, string reason)
    {
        var last = "";
        return await Eventually.FoundAsync(
            async token =>
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), token);
                var body = await response.Content.ReadAsStringAsync(token);
                last = $"{(int)response.StatusCode} {body}";
                return response.StatusCode == status && body.Contains(reason, StringComparison.Ordinal) ? body : null;
            },
            () => $"/readyz to answer {status} with '{reason}'; last: {last}",
            TimeSpan.FromSeconds(30),
            Cancel);
    }
}
