namespace Jericommerce.Streams.Reliability.Tests.Scenarios;

/// <summary>
/// Scenario 2: the worker process is killed with SIGKILL (no drain, no commit) several times under
/// load and started again each time. Every accepted event lands; only records in flight at a kill are
/// routed twice, within the README's bound per kill.
/// </summary>
public sealed class WorkerKillTests
{
    [Fact]
    public Task WorkerSigkilledRepeatedlyUnderLoad_LosesNothing_AndDuplicatesStayWithinTheStatedBound() =>
        // A killed member keeps its partitions until its session times out: short, so the test waits less.
        Scenario.RunAsync(2, "2. Worker SIGKILLed under load", KillAndRestartUnderLoadAsync, sessionTimeout: TimeSpan.FromSeconds(4));

    private static async Task KillAndRestartUnderLoadAsync(Scenario scenario)
    {
        var profile = scenario.Profile;
        var ingress = await scenario.StartIngressAsync();
        var worker = await scenario.StartWorkerAsync();
        using var sender = scenario.CreateSender(ingress);

        var kills = profile.Repetitions;
        var account = await RepeatedKills.UnderLoadAsync(scenario, sender, async () =>
        {
            // Killed while keeping up with the load, so that the README's bound (stated at the arrival rate) applies.
            await scenario.WaitForLagAtMostAsync(profile.EventsPerSecond, TimeSpan.FromSeconds(60));
            worker.Kill();
            worker = await scenario.StartWorkerAsync();
        });

        var bound = kills * WorkerBounds.CrashDuplicates(profile.RawPartitions, profile.EventsPerSecond);
        scenario.Record(
            account,
            $"{bound} ({kills} kills)",
            $"{kills} × SIGKILL + restart; duplicates are raw records processed again after a kill (acked, not yet committed)");
        scenario.AssertNothingLost(account, sender);
        Assert.True(account.TypedExtra <= bound, $"{account.TypedExtra} typed duplicates after {kills} kills, bound {bound}: {account.Describe()}");
        await scenario.AssertSecretNeverLeakedAsync(account, sender);
    }
}
