using Jericommerce.Streams.DevKafka;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>
/// Consumer lag and lag in time on /metrics. A worker is held behind deterministically: the dev
/// broker refuses every produce (so nothing is acknowledged, nothing committed) until the test
/// clears the fault.
/// </summary>
public sealed class LagMetricsTests(BrokerFixture broker)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static void BlockProduces(DevKafkaCluster cluster) =>
        cluster.PushRequestErrors(KafkaApiKey.Produce, Enumerable.Repeat(ErrorCode.TopicAuthorizationFailed, 20_000).ToArray());

    [Fact]
    public async Task WithNoCommittedOffsetYet_LagIsEveryRetainedRecord_AgeRisesWhileStuck_ThenBothReturnToZero()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        var topics = await PipelineTopics.CreateAsync(cluster, rawPartitions: 4);
        var receivedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var perPartition = new Dictionary<int, int>();
        using (var raw = new RawRecords(cluster.BootstrapServers, topics.Raw))
        {
            for (var i = 0; i < 30; i++)
            {
                var partition = i % 3;
                await raw.SendAsync(RawRecords.Example("customer-scanned.valid.json", $"lag-{i}"), "Customer scanned", receivedAt: receivedAt, partition: partition, cancellationToken: Cancel);
                perPartition[partition] = perPartition.GetValueOrDefault(partition) + 1;
            }
        }

        BlockProduces(cluster);
        await using var worker = await InProcessWorker.StartAsync(WorkerMetricsTests.FastSettings(topics, cluster.BootstrapServers));
        using var client = worker.CreateClient();
        var group = ("consumergroup", topics.GroupId);
        var topic = ("topic", topics.Raw);
        string Partition(int p) => p.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var stuck = await MetricsScrape.WaitForAsync(
            client,
            s => s.ValueOrNull("kafka_consumergroup_lag_sum", group, topic) == 30
                && perPartition.Keys.All(p => s.ValueOrNull("jcs_worker_oldest_unprocessed_age_seconds", topic, ("partition", Partition(p))) >= 600),
            Wait,
            "lag 30 (nothing committed: high minus low watermark) and the 10-minute-old records waiting",
            Cancel);

        foreach (var (partition, count) in perPartition)
        {
            Assert.Equal(count, stuck.Value("kafka_consumergroup_lag", group, topic, ("partition", Partition(partition))));
        }

        Assert.Equal(0, stuck.Value("kafka_consumergroup_lag", group, topic, ("partition", "3")));
        Assert.Equal(0, stuck.Value("jcs_worker_oldest_unprocessed_age_seconds", topic, ("partition", "3")));
        var firstAge = stuck.Value("jcs_worker_oldest_unprocessed_age_seconds", topic, ("partition", "0"));
        Assert.InRange(firstAge, 600, 600 + 300);

        var later = await MetricsScrape.WaitForAsync(
            client,
            s => s.ValueOrNull("jcs_worker_oldest_unprocessed_age_seconds", topic, ("partition", "0")) >= firstAge + 1,
            Wait,
            "the oldest record's age to rise while the worker is stuck",
            Cancel);
        Assert.Equal(30, later.Value("kafka_consumergroup_lag_sum", group, topic));
        Assert.True(later.Value("jcs_worker_oldest_unprocessed_age_seconds", topic, ("partition", "0")) >= firstAge + 1, "the age did not rise while the worker was stuck");
        Assert.True(later.Value("jcs_worker_produce_retries_total") > 0, "the refused produces were never retried");

        cluster.ClearRequestErrors(KafkaApiKey.Produce);
        var caughtUp = await MetricsScrape.WaitForAsync(
            client,
            s => s.ValueOrNull("kafka_consumergroup_lag_sum", group, topic) == 0
                && s.Find("jcs_worker_oldest_unprocessed_age_seconds", topic).All(a => a.Value == 0),
            Wait,
            "lag and age back to 0 once produces are accepted",
            Cancel);
        Assert.Equal(30, caughtUp.Value("jcs_worker_records_routed_total", ("type", "customer-scanned")));
    }

    [Fact]
    public async Task AfterARestart_LagCountsOnlyTheRecordsPastTheCommittedOffset()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        var topics = await PipelineTopics.CreateAsync(cluster, rawPartitions: 2);
        var settings = WorkerMetricsTests.FastSettings(topics, cluster.BootstrapServers);
        var group = ("consumergroup", topics.GroupId);
        var topic = ("topic", topics.Raw);
        using var raw = new RawRecords(cluster.BootstrapServers, topics.Raw);
        for (var i = 0; i < 20; i++)
        {
            await raw.SendAsync(RawRecords.Example("customer-scanned.valid.json", $"first-{i}"), "Customer scanned", partition: i % 2, cancellationToken: Cancel);
        }

        await using (var first = await InProcessWorker.StartAsync(settings))
        {
            using var client = first.CreateClient();
            await MetricsScrape.WaitForAsync(
                client,
                s => s.Sum("jcs_worker_records_routed_total") == 20 && s.ValueOrNull("kafka_consumergroup_lag_sum", group, topic) == 0,
                Wait,
                "the first 20 routed and committed",
                Cancel);
        }

        // The first worker is gone (it committed 20 on its way out): 12 more arrive while none runs.
        for (var i = 0; i < 12; i++)
        {
            await raw.SendAsync(RawRecords.Example("customer-scanned.valid.json", $"second-{i}"), "Customer scanned", partition: i % 2, cancellationToken: Cancel);
        }

        BlockProduces(cluster);
        await using var second = await InProcessWorker.StartAsync(settings);
        using var secondClient = second.CreateClient();
        var behind = await MetricsScrape.WaitForAsync(
            secondClient,
            s => s.Find("kafka_consumergroup_lag", group, topic).Count == 2,
            Wait,
            "both partitions measured",
            Cancel);

        Assert.Equal(12, behind.Value("kafka_consumergroup_lag_sum", group, topic));
        Assert.Equal(6, behind.Value("kafka_consumergroup_lag", group, topic, ("partition", "0")));
        Assert.Equal(6, behind.Value("kafka_consumergroup_lag", group, topic, ("partition", "1")));

        cluster.ClearRequestErrors(KafkaApiKey.Produce);
        await MetricsScrape.WaitForAsync(
            secondClient,
            s => s.ValueOrNull("kafka_consumergroup_lag_sum", group, topic) == 0 && s.Sum("jcs_worker_records_routed_total") == 12,
            Wait,
            "the 12 routed and lag back to 0",
            Cancel);
    }
}
