using Jericommerce.Streams.Reliability.Tests.Accounting;
using Jericommerce.Streams.Reliability.Tests.Sending;

namespace Jericommerce.Streams.Reliability.Tests.Scenarios;

/// <summary>The kill scenarios' run: a service killed and started again at even intervals while the load runs.</summary>
internal static class RepeatedKills
{
    /// <summary>
    /// Runs the profile's load on <paramref name="sender"/> and, at even intervals across it, <paramref name="killAndRestart"/>
    /// (<see cref="ChaosProfile.Repetitions"/> times, fewer if the load ends first); then waits for the sender's last
    /// retries and returns the settled account.
    /// </summary>
    public static async Task<EventAccount> UnderLoadAsync(Scenario scenario, JericommerceSender sender, Func<Task> killAndRestart)
    {
        var kills = scenario.Profile.Repetitions;
        var load = scenario.StartLoad(sender);
        var interval = scenario.Profile.LoadDuration / (kills + 1);
        for (var i = 0; i < kills && !load.IsCompleted; i++)
        {
            await scenario.Deadline.PauseAsync(interval, "the next kill");
            await killAndRestart();
        }

        await scenario.Deadline.WaitAsync("the sender's last retries", load);
        return await scenario.SettleAsync(sender);
    }
}
