namespace Jericommerce.Streams.Reliability.Tests.Scenarios;

/// <summary>
/// Scenario 3: workers join and leave the group (gracefully, SIGTERM) every second and a half under
/// load. A leaving worker drains and commits before its partitions move, and a new owner rebuilds the
/// dedup window from the log: every accepted event lands exactly once.
/// </summary>
public sealed class RebalanceStormTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.5);

    [Fact]
    public Task WorkersJoiningAndLeavingEveryFewSecondsUnderLoad_EveryAcceptedEventLandsExactlyOnce() =>
        Scenario.RunAsync(3, "3. Rebalance storm", async scenario =>
        {
            var profile = scenario.Profile;
            var ingress = await scenario.StartIngressAsync();
            var members = new List<Task<ServiceProcess>> { scenario.StartWorkerAsync() };
            var leaving = new List<Task>();
            using var sender = scenario.CreateSender(ingress);

            var loadStarted = scenario.Deadline.Elapsed;
            var load = scenario.StartLoad(sender);
            var changes = 0;

            // The storm lasts as long as the load sends, not as long as its last retries take.
            while (!load.IsCompleted && scenario.Deadline.Elapsed - loadStarted < profile.LoadDuration)
            {
                await Task.WhenAny(load, scenario.Deadline.PauseAsync(Interval, "the next membership change"));

                // Grow to three members, then shrink to one, and again. A joining worker is not waited for:
                // the next change may come while it is still starting or being assigned partitions.
                var growing = (changes / 2) % 2 == 0;
                if (growing && members.Count < 3)
                {
                    members.Add(scenario.StartWorkerAsync());
                }
                else if (members.Count > 1)
                {
                    var oldest = members[0];
                    members.RemoveAt(0);
                    leaving.Add(LeaveAsync(oldest));
                }

                changes++;
            }

            await scenario.Deadline.WaitAsync("the sender's last retries", load);
            await scenario.Deadline.WaitAsync("leaving workers to drain and stop", Task.WhenAll(leaving));
            await scenario.Deadline.WaitAsync("joining workers to be ready", Task.WhenAll(members));
            var account = await scenario.SettleAsync(sender);

            scenario.Record(account, "0", $"{changes} joins/leaves (SIGTERM), one every {Interval.TotalSeconds:0.0} s, 1-3 members");
            scenario.AssertNothingLost(account, sender);
            Assert.True(account.TypedExtra == 0, $"typed duplicates after graceful rebalances: {account.Describe()}");
            await scenario.AssertSecretNeverLeakedAsync(account, sender);
        });

    private static async Task LeaveAsync(Task<ServiceProcess> member) => await (await member).StopAsync(TimeSpan.FromSeconds(60));
}
