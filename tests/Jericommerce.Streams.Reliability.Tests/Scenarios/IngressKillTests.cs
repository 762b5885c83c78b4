namespace Jericommerce.Streams.Reliability.Tests.Scenarios;

/// <summary>
/// Scenario 5: the ingress process is killed with SIGKILL under load and started again on the same
/// port. A request answered 2xx always has its record in the raw topic, at the partition and offset the
/// answer named; requests cut off by the kill are retried by the sender, and the worker removes the
/// raw copies this makes.
/// </summary>
public sealed class IngressKillTests
{
    [Fact]
    public Task IngressSigkilledUnderLoad_EveryRequestAnswered2xxHasItsRawRecord_AndNothingIsLostOrDuplicated() =>
        Scenario.RunAsync(5, "5. Ingress SIGKILLed under load", KillAndRestartUnderLoadAsync);

    private static async Task KillAndRestartUnderLoadAsync(Scenario scenario)
    {
        var profile = scenario.Profile;
        var ingress = await scenario.StartIngressAsync();
        await scenario.StartWorkerAsync();
        using var sender = scenario.CreateSender(ingress);

        var kills = profile.Repetitions;
        var account = await RepeatedKills.UnderLoadAsync(scenario, sender, async () =>
        {
            ingress.Kill();
            ingress = await scenario.StartIngressAsync(port: ingress.Port);
        });

        scenario.Record(
            account,
            "0",
            $"{kills} × SIGKILL + restart on the same port; {sender.Stats.NoAnswer} requests cut off or refused, retried; raw copies from retries: {account.RawExtraOtherRequest}");
        scenario.AssertNothingLost(account, sender);
        Assert.True(sender.Stats.NoAnswer > 0, $"no request was cut off by the kills: {sender.Stats}");
        Assert.True(account.TypedExtra == 0, $"typed duplicates: {account.Describe()}");
        await scenario.AssertSecretNeverLeakedAsync(account, sender);
    }
}
