using System.Globalization;

namespace Jericommerce.Streams.Reliability.Tests.Scenarios;

/// <summary>
/// Scenario 6: the worker is stopped while events keep arriving, then started again. The group's lag
/// rises while it is away and returns to zero once it is back; nothing is lost or doubled.
/// </summary>
public sealed class BacklogTests
{
    private const string LagMetric = "kafka_consumergroup_lag";

    [Fact]
    public Task WorkerStoppedWhileEventsArrive_LagRisesThenReturnsToZero_AndNothingIsLost() =>
        Scenario.RunAsync(6, "6. Backlog: worker stopped, then started", WorkerStoppedAndStartedAsync);

    private static async Task WorkerStoppedAndStartedAsync(Scenario scenario)
    {
        var profile = scenario.Profile;
        var ingress = await scenario.StartIngressAsync();
        var worker = await scenario.StartWorkerAsync();
        using var sender = scenario.CreateSender(ingress);

        var load = scenario.StartLoad(sender);
        await scenario.Deadline.PauseAsync(profile.LoadDuration / 4, "the load to get going");
        scenario.Deadline.Waiting($"{worker.Name} to stop (SIGTERM)");
        await worker.StopAsync(TimeSpan.FromSeconds(60));
        var lagWhenStopped = await scenario.LagAsync();
        await scenario.Deadline.PauseAsync(profile.LoadDuration / 2, "the backlog to build while the worker is away");
        var lagBeforeRestart = await scenario.LagAsync();
        worker = await scenario.StartWorkerAsync();

        // The worker's own view of its lag (kafka_consumergroup_lag on /metrics), watched from its restart
        // until it reads zero: the backlog shows in it, then drains.
        var watching = WatchLagMetricAsync(worker, scenario.Cancel);
        await scenario.Deadline.WaitAsync("the sender's last retries", load);
        var account = await scenario.SettleAsync(sender);
        var (metricSeen, metricPeak, metricFinal) = await scenario.Deadline.WaitAsync("the worker's lag metric to read zero", watching);

        var metricNote = metricSeen
            ? string.Create(CultureInfo.InvariantCulture, $"worker's {LagMetric}: peak {metricPeak}, final {metricFinal}")
            : $"worker exports no {LagMetric} yet: lag from committed offsets only";
        scenario.Record(
            account,
            "0",
            string.Create(CultureInfo.InvariantCulture, $"worker away {(profile.LoadDuration / 2).TotalSeconds:0} s; lag from committed offsets {lagWhenStopped} → {lagBeforeRestart} → {account.FinalLag}; {metricNote}"));
        scenario.AssertNothingLost(account, sender);
        Assert.True(lagBeforeRestart > lagWhenStopped, $"the lag did not rise while the worker was away: {lagWhenStopped} → {lagBeforeRestart}");
        Assert.Equal(0, account.FinalLag);
        Assert.True(account.TypedExtra == 0, $"typed duplicates: {account.Describe()}");
        // The gauge is sampled: a backlog drained before the restarted worker's first sample never shows in
        // it, so only its return to zero is asserted; the rise is asserted on the committed offsets above.
        if (metricSeen)
        {
            Assert.Equal(0, metricFinal);
        }

        await scenario.AssertSecretNeverLeakedAsync(account, sender);
    }

    private static async Task<(bool Seen, long Peak, long? Final)> WatchLagMetricAsync(ServiceProcess worker, CancellationToken cancellationToken)
    {
        var seen = false;
        var peak = 0L;
        long? last = null;

        // A zero read before any backlog showed counts only once the worker has had this long to see the backlog.
        using var firstLook = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Eventually.UntilAsync(
                async _ =>
                {
                    last = ParseLag(await Scenario.ScrapeAsync(worker, "/metrics"));
                    seen |= last is not null;
                    peak = Math.Max(peak, last ?? 0);
                    return last == 0 && (peak > 0 || firstLook.IsCancellationRequested);
                },
                () => $"the worker's {LagMetric} to read zero (peak {peak}, last {last})",
                TimeSpan.FromSeconds(90),
                cancellationToken,
                TimeSpan.FromMilliseconds(250));
        }
        catch (TimeoutException)
        {
            // The caller asserts on what was seen.
        }

        return (seen, peak, last);
    }

    private static long? ParseLag(string scrape) => PrometheusText.Sum(scrape, LagMetric) is { } lag ? (long)lag : null;
}
