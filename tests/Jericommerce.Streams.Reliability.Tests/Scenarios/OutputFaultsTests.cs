using Confluent.Kafka;
using Jericommerce.Streams.DevKafka;

namespace Jericommerce.Streams.Reliability.Tests.Scenarios;

/// <summary>
/// Scenario 4: produce errors and round-trip spikes while the worker writes the typed topics and the
/// DLQ (one event in eight is invalid). The outputs live on broker 2, the raw topic on broker 1, so
/// the slow broker is the worker's output broker; the injected errors hit the next produce requests,
/// the worker's and the ingress's alike. Everything is retried; every accepted event lands once.
/// </summary>
public sealed class OutputFaultsTests
{
    private const int RawBroker = 1;
    private const int OutputBroker = 2;

    /// <summary>
    /// Errors librdkafka does not retry by itself (the authorization error: the worker's own retries must
    /// write the record again; the ingress answers 503 and the sender retries) and ones it does.
    /// </summary>
    private static readonly ErrorCode[] Burst =
    [
        ErrorCode.TopicAuthorizationFailed,
        ErrorCode.NotLeaderForPartition,
        ErrorCode.TopicAuthorizationFailed,
        ErrorCode.NotEnoughReplicas,
        ErrorCode.LeaderNotAvailable,
        ErrorCode.TopicAuthorizationFailed,
    ];

    [Fact]
    public Task ProduceErrorsAndRoundTripSpikesOnTheOutputs_AreRetried_AndEveryAcceptedEventLandsOnceInItsPlace() =>
        Scenario.RunAsync(4, "4. Produce errors and RTT spikes on the outputs", FaultTheOutputsAsync, brokerCount: 2);

    private static async Task FaultTheOutputsAsync(Scenario scenario)
    {
        var profile = scenario.Profile;
        var topics = scenario.Topics;
        for (var p = 0; p < topics.RawPartitions; p++)
        {
            scenario.Cluster.SetPartitionLeader(topics.Raw, p, RawBroker);
        }

        foreach (var output in topics.Typed)
        {
            for (var p = 0; p < ScenarioTopics.TypedPartitions; p++)
            {
                scenario.Cluster.SetPartitionLeader(output, p, OutputBroker);
            }
        }

        scenario.Cluster.SetPartitionLeader(topics.DeadLetter, 0, OutputBroker);
        scenario.Cluster.SetPartitionLeader(topics.DeadLetter, 1, OutputBroker);

        var ingress = await scenario.StartIngressAsync();
        var worker = await scenario.StartWorkerAsync(new Dictionary<string, string> { ["Worker__ProduceTimeout"] = "00:00:10" });
        using var sender = scenario.CreateSender(ingress);

        var load = scenario.StartLoad(sender);
        var bursts = 0;
        var spikes = 0;

        // Faults for as long as events are being sent; the senders' last retries then go through.
        var faultsEnd = scenario.Deadline.Elapsed + profile.LoadDuration;
        while (scenario.Deadline.Elapsed < faultsEnd)
        {
            await scenario.Deadline.PauseAsync(TimeSpan.FromSeconds(1), "the next burst of produce errors");
            scenario.Cluster.PushRequestErrors(KafkaApiKey.Produce, Burst);
            bursts++;
            if (bursts % 2 == 0)
            {
                // The output broker answers everything a second late, for a second and a half.
                scenario.Cluster.SetRoundTripTime(TimeSpan.FromMilliseconds(1000), OutputBroker);
                spikes++;
                await scenario.Deadline.PauseAsync(TimeSpan.FromSeconds(1.5), "the end of a round-trip spike");
                scenario.Cluster.SetRoundTripTime(TimeSpan.Zero, OutputBroker);
            }
        }

        scenario.Cluster.ClearRequestErrors(KafkaApiKey.Produce);
        await scenario.Deadline.WaitAsync("the sender's last retries", load);
        var account = await scenario.SettleAsync(sender);

        // The worker's own count of records it had to write again (its /metrics), else its log lines saying so.
        var rewrites = (long?)PrometheusText.Sum(await Scenario.ScrapeAsync(worker, "/metrics"), "jcs_worker_produce_retries_total")
            ?? scenario.Output.CountContaining("writing it again");
        scenario.Record(
            account,
            "0",
            $"{bursts} bursts of {Burst.Length} produce errors, {spikes} × 1 s RTT spikes on the output broker; worker wrote {rewrites} records again; {sender.Stats.Unavailable} × 503 at the ingress");
        scenario.AssertNothingLost(account, sender);
        Assert.True(account.LandedDeadLetter > 0, "no invalid event reached the DLQ: the scenario did not exercise it");
        Assert.True(rewrites > 0, "no injected error reached the worker: the scenario did not exercise its retries");
        Assert.True(account.TypedExtra == 0, $"typed duplicates: {account.Describe()}");
        await scenario.AssertSecretNeverLeakedAsync(account, sender);
    }
}
