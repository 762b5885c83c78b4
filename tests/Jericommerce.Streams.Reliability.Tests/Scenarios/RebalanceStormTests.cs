using Jericommerce.Streams.Reliability.Tests.Support;

namespace Jericommerce.Streams.Reliability.Tests.Scenarios;

/// <summary>
/// Scenario 3: workers join and leave the group (gracefully, SIGTERM) every second and a half under
/// load. A leaving worker drains and commits before its partitions move, and a new owner rebuilds the
/// dedup window from the log: every accepted event lands exactly once.
/// </summary>
public sealed class RebalanceStormTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.5);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WorkersJoiningAndLeavingEveryFewSecondsUnderLoad_EveryAcceptedEventLandsExactlyOnce()
    {
        await using var scenario = Scenario.Start(3, "3. Rebalance storm");
        var profile = scenario.Profile;
        var ingress = await scenario.StartIngressAsync();
        var members = new List<Task<ServiceProcess>> { scenario.StartWorkerAsync() };
        var leaving = new List<Task>();
        using var sender = scenario.CreateSender(ingress);

        var load = sender.RunAsync(scenario.Events, profile.EventsPerSecond, profile.LoadDuration, Cancel);
        var changes = 0;
        while (true)
        {
            await Task.WhenAny(load, Task.Delay(Interval, Cancel));
            if (load.IsCompleted)
            {
                break;
            }

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

        await load;
        await Task.WhenAll(leaving);
        await Task.WhenAll(members);
        var account = await scenario.SettleAsync(sender);

        scenario.Record(account, "0", $"{changes} joins/leaves (SIGTERM), one every {Interval.TotalSeconds:0.0} s, 1-3 members");
        scenario.AssertNothingLost(account, sender);
        Assert.True(account.TypedExtra == 0, $"typed duplicates after graceful rebalances: {account.Describe()}");
        await scenario.AssertSecretNeverLeakedAsync(account, sender);
    }

    private static async Task LeaveAsync(Task<ServiceProcess> member) => await (await member).StopAsync(TimeSpan.FromSeconds(60));
}
