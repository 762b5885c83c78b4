namespace Jericommerce.Streams.Reliability.Tests.Scenarios;

/// <summary>
/// Scenario 1: the whole Kafka cluster goes down for seconds while Jericommerce keeps sending. The
/// ingress answers 503 with Retry-After while it cannot get an ack, the sender's retries succeed once
/// Kafka is back, the worker pauses and resumes, and every accepted event lands once.
/// </summary>
public sealed class BrokerDownTests
{
    [Fact]
    public Task BrokerDownDuringLoad_IngressAnswers503WithRetryAfter_RetriesSucceed_AndEveryAcceptedEventLandsOnce() =>
        Scenario.RunAsync(1, "1. Broker down during load", BrokerDownDuringLoadAsync);

    [Fact]
    public Task BrokerDownLongerThanTheSessionTimeoutWhileTheCircuitIsOpen_WorkerGetsItsPartitionsBack_AndResumesByItself() =>
        Scenario.RunAsync(1, "1b. Broker down longer than the group session", BrokerDownLongerThanTheSessionAsync, sessionTimeout: TimeSpan.FromSeconds(3));

    private static async Task BrokerDownDuringLoadAsync(Scenario scenario)
    {
        var profile = scenario.Profile;
        var ingress = await scenario.StartIngressAsync();

        // The worker's produce timeout is short so that its own retries and circuit breaker take over.
        await scenario.StartWorkerAsync(new Dictionary<string, string> { ["Worker__ProduceTimeout"] = "00:00:02" });
        using var sender = scenario.CreateSender(ingress);

        var outage = profile.IsLong ? TimeSpan.FromSeconds(6) : TimeSpan.FromSeconds(3);
        var outages = profile.IsLong ? profile.Repetitions : 1;
        var load = scenario.StartLoad(sender);
        var gap = (profile.LoadDuration - (outage * outages)) / (outages + 1);
        for (var i = 0; i < outages; i++)
        {
            await scenario.Deadline.PauseAsync(gap, "the next outage");
            scenario.Cluster.SetBrokerDown();
            await scenario.Deadline.PauseAsync(outage, "the broker to come back (outage)");
            scenario.Cluster.SetBrokerUp();
        }

        await scenario.Deadline.WaitAsync("the sender's last retries", load);
        var account = await scenario.SettleAsync(sender);

        // Stored twice by the dev broker (no idempotence checks) or re-sent by the worker after its produce
        // timed out although the broker had stored it: per outage, at most what was in flight plus one commit.
        var bound = outages * WorkerBounds.CrashDuplicates(profile.RawPartitions, profile.EventsPerSecond);
        var pauses = scenario.Output.CountContaining("circuit open");
        scenario.Record(
            account,
            $"{bound} (in flight)",
            $"{outages} × {outage.TotalSeconds:0} s outage; {sender.Stats.UnavailableWithRetryAfter} × 503 + Retry-After, then 2xx on retry; worker circuit opened {pauses}×; raw copies: {account.RawExtraSameRequest} re-sent by librdkafka, {account.RawExtraOtherRequest} from sender retries");
        scenario.AssertNothingLost(account, sender);
        Assert.True(sender.Stats.UnavailableWithRetryAfter > 0, $"no 503 while Kafka was down: {sender.Stats}");
        Assert.True(account.TypedExtra <= bound, $"{account.TypedExtra} typed duplicates, bound {bound}: {account.Describe()}");
        await scenario.AssertSecretNeverLeakedAsync(account, sender);
    }

    private static async Task BrokerDownLongerThanTheSessionAsync(Scenario scenario)
    {
        // The group forgets the worker while Kafka is down (its partitions are lost) and hands them back
        // once Kafka returns, while the worker's circuit has consumption paused. Regression: the worker
        // used to stay paused for good (librdkafka keeps a partition's pause across re-assignment, and
        // the abandoned retries that would have closed the circuit never ran).
        var profile = scenario.Profile;
        var ingress = await scenario.StartIngressAsync();
        await scenario.StartWorkerAsync(new Dictionary<string, string> { ["Worker__ProduceTimeout"] = "00:00:01" });
        using var sender = scenario.CreateSender(ingress);

        var load = scenario.StartLoad(sender);
        await scenario.Deadline.PauseAsync(profile.LoadDuration / 4, "the load to get going");

        // Slow answers first, so that the worker has produces in flight when Kafka goes.
        scenario.Cluster.SetRoundTripTime(TimeSpan.FromMilliseconds(400));
        await scenario.Deadline.PauseAsync(TimeSpan.FromSeconds(1), "produces to be in flight at 400 ms round trips");
        scenario.Cluster.SetBrokerDown();
        await scenario.Deadline.PauseAsync(TimeSpan.FromSeconds(7), "the broker to come back (outage)");
        scenario.Cluster.SetBrokerUp();
        scenario.Cluster.SetRoundTripTime(TimeSpan.Zero);
        await scenario.Deadline.WaitAsync("the sender's last retries", load);
        var account = await scenario.SettleAsync(sender);

        var bound = WorkerBounds.CrashDuplicates(profile.RawPartitions, profile.EventsPerSecond);
        var lost = scenario.Output.CountContaining("Lost partitions");
        scenario.Record(
            account,
            $"{bound} (in flight)",
            $"7 s outage, session timeout 3 s: partitions lost {lost}× and re-assigned; worker circuit opened {scenario.Output.CountContaining("circuit open")}×; {sender.Stats.UnavailableWithRetryAfter} × 503 + Retry-After");
        scenario.AssertNothingLost(account, sender);
        Assert.Equal(0, account.FinalLag);
        Assert.True(account.TypedExtra <= bound, $"{account.TypedExtra} typed duplicates, bound {bound}: {account.Describe()}");
        await scenario.AssertSecretNeverLeakedAsync(account, sender);
    }
}
