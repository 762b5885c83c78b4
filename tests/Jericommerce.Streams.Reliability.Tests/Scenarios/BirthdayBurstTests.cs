using System.Globalization;
using Jericommerce.Streams.Reliability.Tests.Sending;

namespace Jericommerce.Streams.Reliability.Tests.Scenarios;

/// <summary>
/// Scenario 8: the birthday burst. Jericommerce's daily birthday job sends every merchant's birthdays at
/// once, around 09:00 UTC: many distinct customers, far above the steady rate, with many requests in flight.
/// The ingress sheds what it cannot take with 503 + Retry-After (never by letting requests time out), the
/// sender's retries bring every event in, and the worker's lag is back at zero within the stated time.
/// </summary>
public sealed class BirthdayBurstTests
{
    private static readonly TimeSpan RealClusterRoundTrip = TimeSpan.FromMilliseconds(10);

    [Fact]
    public Task BurstFarAboveTheSteadyRate_IngressAnswers503WithRetryAfterNotTimeouts_NothingIsLost_AndTheLagDrainsInTime() =>
        Scenario.RunAsync(8, "8. Birthday burst", BurstAsync, rawPartitions: ChaosProfile.Current.RawPartitions * 2);

    private static async Task BurstAsync(Scenario scenario)
    {
        var burst = scenario.Profile.Burst;

        // The producer queue is the ingress's backlog bound: a burst with more requests in flight than it holds
        // saturates the ingress, as a burst larger than a deployment's capacity would.
        var ingress = await scenario.StartIngressAsync(more: new Dictionary<string, string>
        {
            ["Ingress__MaxQueuedMessages"] = burst.ProducerQueue.ToString(CultureInfo.InvariantCulture),
        });
        await scenario.StartWorkerAsync();

        // A real cluster takes milliseconds to acknowledge an acks=all write; the dev broker, next to nothing.
        scenario.Cluster.SetRoundTripTime(RealClusterRoundTrip);
        using var sender = scenario.CreateSender(burst.Concurrency, ingress);
        var birthdays = new EventFactory($"s{scenario.Order}", scenario.Seed, burst.Customers);

        await scenario.Deadline.WaitAsync(
            $"the burst of {burst.Events:N0} events and its retries",
            scenario.StartLoad(sender, burst.PerSecond, burst.Over, birthdays));
        scenario.Cluster.SetRoundTripTime(TimeSpan.Zero);
        var drain = await scenario.TimeToLagZeroAsync(burst.DrainBound);
        var account = await scenario.SettleAsync(sender);

        var customers = sender.Outcomes.Select(o => o.Event.Body).Select(CustomerOf).Distinct().Count();
        scenario.Record(
            account,
            "0",
            string.Create(
                CultureInfo.InvariantCulture,
                $"{burst.Events:N0} events ({customers:N0} customers) offered in {burst.Over.TotalSeconds:0} s, {burst.Concurrency} in flight, producer queue {burst.ProducerQueue}, broker round trip {RealClusterRoundTrip.TotalMilliseconds:0} ms; {sender.Stats.UnavailableWithRetryAfter:N0} × 503 + Retry-After, {sender.Stats.TimedOut} timeouts; lag back to 0 {drain?.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) ?? "never"} s after the last 2xx (bound {burst.DrainBound.TotalSeconds:0} s)"));
        scenario.AssertNothingLost(account, sender);
        Assert.True(sender.Stats.UnavailableWithRetryAfter > 0, $"the burst never saturated the ingress (no 503): {sender.Stats}");
        Assert.True(sender.Stats.TimedOut == 0, $"requests timed out instead of being answered 503: {sender.Stats}");
        Assert.True(drain is not null, $"the lag was not back at zero within {burst.DrainBound} of the burst: {account.Describe()}");
        Assert.True(customers >= burst.Customers / 2, $"only {customers} distinct customers in the burst");
        Assert.True(account.TypedExtra == 0, $"typed duplicates: {account.Describe()}");
        await scenario.AssertSecretNeverLeakedAsync(account, sender);
    }

    private static string CustomerOf(byte[] body) =>
        System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("customerId").GetString() ?? "";
}
