namespace Jericommerce.Streams.Reliability.Tests.Harness;

/// <summary>
/// A scenario that hangs fails at its deadline with what it waited for and its accounting so far, instead of
/// holding the run until CI's timeout.
/// </summary>
public sealed class HungScenarioTests
{
    [Fact]
    public async Task AScenarioAwaitingSomethingThatNeverHappens_FailsAtItsDeadline_WithTheWaitAndTheAccountingSoFar()
    {
        var failure = await Assert.ThrowsAsync<TimeoutException>(() => Scenario.RunAsync(
            0,
            "Hung on purpose",
            async scenario =>
            {
                var ingress = await scenario.StartIngressAsync();
                using var sender = scenario.CreateSender(ingress);
                await scenario.StartLoad(sender, perSecond: 50, duration: TimeSpan.FromSeconds(1));

                // An await that ignores every token, like the sender's old infinite Task.Delay.
                await scenario.Deadline.WaitAsync("something that never happens", new TaskCompletionSource().Task);
            },
            deadline: TimeSpan.FromSeconds(40)));

        Assert.Contains("passed its deadline of 40 s while waiting for something that never happens", failure.Message, StringComparison.Ordinal);
        Assert.Contains("sent 50, answered 50, stored (2xx) 50, landed 0", failure.Message, StringComparison.Ordinal);
    }
}
