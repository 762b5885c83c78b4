using System.Diagnostics;
using Confluent.Kafka;
using Jericommerce.Streams.Testing;

namespace Jericommerce.Streams.DevKafka.Tests;

/// <summary>Each fault the dev broker can inject, shown on a real Confluent.Kafka client.</summary>
public sealed class FaultInjectionTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BrokerDown_HoldsDeliveryUntilTheBrokerIsUp_ThenTheRecordLandsOnce()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        cluster.CreateTopic("orders");
        using var producer = Clients.Producer(cluster.BootstrapServers);
        await producer.ProduceAsync("orders", new Message<string, string> { Key = "k", Value = "before" }, Cancel);

        cluster.SetBrokerDown();
        var pending = producer.ProduceAsync("orders", new Message<string, string> { Key = "k", Value = "during" }, Cancel);
        // Deliberate: the assertion is that nothing is acknowledged for a while, and there is no event to wait for.
        var finished = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(2), Cancel));
        Assert.NotSame(pending, finished);

        cluster.SetBrokerUp();
        var delivered = await pending.WaitAsync(TimeSpan.FromSeconds(25), Cancel);
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        var records = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "orders", Cancel);
        Assert.Equal(["before", "during"], records.Select(r => System.Text.Encoding.UTF8.GetString(r.Message.Value!)));
    }

    [Fact]
    public async Task RoundTripTime_DelaysEveryAcknowledgement()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        cluster.CreateTopic("slow");
        using var producer = Clients.Producer(cluster.BootstrapServers);
        await producer.ProduceAsync("slow", new Message<string, string> { Key = "k", Value = "warm-up" }, Cancel);

        cluster.SetRoundTripTime(TimeSpan.FromMilliseconds(600));
        var watch = Stopwatch.StartNew();
        await producer.ProduceAsync("slow", new Message<string, string> { Key = "k", Value = "delayed" }, Cancel);
        var delayed = watch.Elapsed;

        cluster.SetRoundTripTime(TimeSpan.Zero);
        watch.Restart();
        await producer.ProduceAsync("slow", new Message<string, string> { Key = "k", Value = "fast" }, Cancel);

        // The injected delay is a lower bound on the ack; without it the ack is not held back.
        Assert.True(delayed >= TimeSpan.FromMilliseconds(550), $"ack took {delayed.TotalMilliseconds} ms with a 600 ms round trip");
        Assert.True(watch.Elapsed < delayed, $"ack took {watch.Elapsed.TotalMilliseconds} ms after the delay was removed");
    }

    [Fact]
    public async Task PushRequestErrors_NonRetriableOnProduce_FailsTheDeliveryWithThatError()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        cluster.CreateTopic("denied");
        using var producer = Clients.Producer(cluster.BootstrapServers, c => c.EnableIdempotence = false);
        await producer.ProduceAsync("denied", new Message<string, string> { Key = "k", Value = "ok" }, Cancel);

        cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed);
        var error = await Assert.ThrowsAsync<ProduceException<string, string>>(
            () => producer.ProduceAsync("denied", new Message<string, string> { Key = "k", Value = "refused" }, Cancel));

        Assert.Equal(ErrorCode.TopicAuthorizationFailed, error.Error.Code);
        Assert.Equal(1, await TopicReader.CountAsync(cluster.BootstrapServers, "denied", Cancel));
    }

    [Fact]
    public async Task PushRequestErrors_RetriableOnProduce_AreRetriedByTheClient_AndTheRecordLandsOnce()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        cluster.CreateTopic("flaky");
        using var producer = Clients.Producer(cluster.BootstrapServers);
        await producer.ProduceAsync("flaky", new Message<string, string> { Key = "k", Value = "warm-up" }, Cancel);

        cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);
        var result = await producer.ProduceAsync("flaky", new Message<string, string> { Key = "k", Value = "retried" }, Cancel);

        Assert.Equal(PersistenceStatus.Persisted, result.Status);
        var records = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "flaky", Cancel);
        Assert.Single(records, r => System.Text.Encoding.UTF8.GetString(r.Message.Value!) == "retried");
    }

    [Fact]
    public async Task PushRequestErrors_OnFetch_ReachTheConsumerAsAnError()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        cluster.CreateTopic("guarded");
        using (var producer = Clients.Producer(cluster.BootstrapServers))
        {
            await producer.ProduceAsync("guarded", new Message<string, string> { Key = "k", Value = "secret" }, Cancel);
        }

        cluster.PushRequestErrors(KafkaApiKey.Fetch, ErrorCode.TopicAuthorizationFailed);
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = BrokerFixture.UniqueName("fetch"),
        }).Build();
        consumer.Assign(new TopicPartitionOffset("guarded", 0, Offset.Beginning));

        var error = Assert.Throws<ConsumeException>(() =>
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            while (!limit.IsCancellationRequested)
            {
                consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
        });
        Assert.Equal(ErrorCode.TopicAuthorizationFailed, error.Error.Code);
    }

    [Fact]
    public async Task SetPartitionLeader_MovesLeadership_AndTheProducerFollowsIt()
    {
        await using var cluster = broker.StartIsolatedDevCluster(brokerCount: 2);
        cluster.CreateTopic("moving");
        using var producer = Clients.Producer(cluster.BootstrapServers);
        await producer.ProduceAsync("moving", new Message<string, string> { Key = "k", Value = "first" }, Cancel);
        var before = LeaderOf(cluster.BootstrapServers, "moving");
        var target = before == 1 ? 2 : 1;

        cluster.SetPartitionLeader("moving", 0, target);
        await producer.ProduceAsync("moving", new Message<string, string> { Key = "k", Value = "second" }, Cancel);

        Assert.Equal(target, LeaderOf(cluster.BootstrapServers, "moving"));
        Assert.Equal(2, await TopicReader.CountAsync(cluster.BootstrapServers, "moving", Cancel));
    }

    [Fact]
    public async Task ClearRequestErrors_DropsErrorsStillQueued_SoTheNextRequestSucceeds()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        cluster.CreateTopic("cleared");
        using var producer = Clients.Producer(cluster.BootstrapServers, c => c.EnableIdempotence = false);
        await producer.ProduceAsync("cleared", new Message<string, string> { Key = "k", Value = "warm-up" }, Cancel);

        cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed, ErrorCode.TopicAuthorizationFailed);
        cluster.ClearRequestErrors(KafkaApiKey.Produce);
        var result = await producer.ProduceAsync("cleared", new Message<string, string> { Key = "k", Value = "fine" }, Cancel);

        Assert.Equal(PersistenceStatus.Persisted, result.Status);
    }

    [Fact]
    public void SetTopicError_IsReportedInMetadata_UntilCleared()
    {
        using var cluster = broker.StartIsolatedDevCluster();
        cluster.CreateTopic("forbidden");

        cluster.SetTopicError("forbidden", ErrorCode.TopicAuthorizationFailed);
        using (var admin = Clients.Admin(cluster.BootstrapServers))
        {
            Assert.Equal(ErrorCode.TopicAuthorizationFailed, admin.GetMetadata("forbidden", TimeSpan.FromSeconds(10)).Topics.Single().Error.Code);
        }

        cluster.SetTopicError("forbidden", ErrorCode.NoError);
        using (var admin = Clients.Admin(cluster.BootstrapServers))
        {
            Assert.Equal(ErrorCode.NoError, admin.GetMetadata("forbidden", TimeSpan.FromSeconds(10)).Topics.Single().Error.Code);
        }

    }

    private static int LeaderOf(string bootstrapServers, string topic)
    {
        using var admin = Clients.Admin(bootstrapServers);
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single().Leader;
    }
}
