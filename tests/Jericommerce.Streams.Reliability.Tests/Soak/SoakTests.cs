using Jericommerce.Streams.Reliability.Tests.Sending;

namespace Jericommerce.Streams.Reliability.Tests.Soak;

/// <summary>
/// The soak (<c>make soak</c>, never in <c>make test</c>): the stack at a steady rate for a long time, with a
/// small share of invalid events and of re-deliveries, both services sampled every few seconds. It fails on
/// any lost event, on a lag that does not return to zero, and on a series that grows without levelling off
/// (<see cref="GrowthRule"/>). The table and plots go to <c>docs/soak.md</c> whether it passes or not.
/// </summary>
public sealed class SoakTests
{
    private static readonly TimeSpan DrainBound = TimeSpan.FromMinutes(2);

    [Fact(Explicit = true)]
    public Task SteadyLoadForHalfAnHour_NothingGrowsWithoutLevellingOff_NothingIsLost_AndTheLagReturnsToZero()
    {
        var settings = SoakSettings.FromEnvironment();
        return Scenario.RunAsync(
            9, "9. Soak", scenario => SoakAsync(scenario, settings), rawPartitions: settings.RawPartitions, deadLetterPartitions: 4, deadline: settings.Duration + DrainBound + ChaosProfile.Current.Deadline);
    }

    private static async Task SoakAsync(Scenario scenario, SoakSettings settings)
    {
        var ingress = await scenario.StartIngressAsync();
        var worker = await scenario.StartWorkerAsync();
        using var sender = scenario.CreateSender(ingress);
        var events = new EventFactory("soak", scenario.Seed, customers: 5_000, invalidOneIn: 40, duplicateOneIn: 50);

        var samples = new List<SoakSample>();
        var loadStarted = scenario.Deadline.Elapsed;
        var load = scenario.StartLoad(sender, settings.PerSecond, settings.Duration, events);
        scenario.Deadline.Waiting($"the soak's {settings.Duration.TotalMinutes:0.#}-minute load, sampling");
        using (var every = new PeriodicTimer(settings.SampleEvery))
        {
            while (!load.IsCompleted && await every.WaitForNextTickAsync(scenario.Cancel))
            {
                var outcomes = sender.Outcomes;
                samples.Add(new SoakSample(
                    scenario.Deadline.Elapsed - loadStarted,
                    await ServiceSample.TakeAsync(ingress),
                    await ServiceSample.TakeAsync(worker),
                    await scenario.LagAsync(),
                    outcomes.Count,
                    outcomes.Count(o => o.Accepted)));
            }
        }

        await scenario.Deadline.WaitAsync("the sender's last retries", load);
        var drain = await scenario.TimeToLagZeroAsync(DrainBound);
        var account = await scenario.SettleAsync(sender);
        var verdicts = SoakJudgement.Judge(samples, settings.Duration);
        SoakReport.Write(settings, samples, verdicts, account, sender.Stats, drain);
        TestContext.Current.TestOutputHelper?.WriteLine($"soak: {string.Join("; ", verdicts.Select(v => $"{v.Service} {v.Verdict}"))}; {account.Describe()}");

        scenario.AssertNothingLost(account, sender);
        Assert.True(drain is not null, $"the lag did not return to zero within {DrainBound} of the load: {account.Describe()}");
        Assert.True(account.RawExtraOtherRequest > 0, "no re-delivery was sent: the soak did not exercise the dedup");
        Assert.True(account.TypedExtra == 0, $"re-deliveries reached a typed topic twice: {account.Describe()}");
        var growing = verdicts.Where(v => !v.Verdict.Levels).Select(v => $"{v.Service} {v.Verdict}").ToList();
        Assert.True(growing.Count == 0, $"growth that does not level off (or a run too short to judge): {string.Join("; ", growing)}");
    }
}
