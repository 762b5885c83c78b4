using System.Net;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.LoadTests.Load;
using Jericommerce.Streams.LoadTests.Phases;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.LoadTests.Stack;

/// <summary>
/// The whole stack as a new user meets it: <c>jcs dev</c> as <c>make run</c> starts it (its broker, topics, ingress
/// and worker, with their dev settings), signed with the dev secret, driven open loop at each of
/// <see cref="BenchSettings.StackRates"/> and then at saturation. For each load: accepted and routed per second while
/// it ran, the lag when it ended, the time to drain, end-to-end latency, each process's CPU and CPU per event.
/// </summary>
internal static class StackPhase
{
    /// <summary>The ingress's development secret, which <c>make run</c>'s ingress accepts.</summary>
    private const string DevSecret = "dev-secret";

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        BenchContext.Progress($"whole stack: {DevStackProcess.Describe(context.DevArguments)}");
        using var stack = await DevStackProcess.StartAsync(context, context.DevArguments);
        BenchContext.Progress($"  ready: broker {stack.BootstrapServers}, ingress pid {stack.Ingress.Id}, worker pid {stack.Worker.Id}, jcs pid {stack.Jcs.Id}");

        var typed = TopicLayout.Read(stack.BootstrapServers, [.. BenchTopics.Typed(SchemaCatalog.DefaultTopicPrefix), TopicDefaults.DeadLetter]);
        using var raw = new OutputWatermarks(stack.BootstrapServers, TopicLayout.Read(stack.BootstrapServers, [TopicDefaults.Raw]));
        using var routed = new OutputWatermarks(stack.BootstrapServers, typed);
        var probe = new StackProbe(stack, raw, routed, TimeProvider.System);
        var requests = new WebhookRequests("127.0.0.1", DevSecret, $"{context.Tag}-s-");
        var perRate = settings.StackRates.Select(rate => (long)((settings.StackRateWarmup + settings.StackRateMeasure).TotalSeconds * rate)).ToList();
        using var tracker = new DownstreamTracker(stack.BootstrapServers, typed, TopicDefaults.DeadLetter, requests, 0, (int)perRate.Sum(), int.Parse(Jericommerce.Streams.DevKafka.DevKafkaCluster.ConsumerFetchWaitMs, System.Globalization.CultureInfo.InvariantCulture));
        var run = new StackRun(probe, stack, requests, tracker);
        var start = await probe.MarkAsync();

        // The JIT tiers the hot paths up and the worker's group settles, as in the first minutes of a user's run.
        BenchContext.Progress($"whole stack: warm-up at saturation for {Format.Seconds(settings.StackWarmup)}");
        var burst = await ClosedLoop.RunAsync(
            run.Endpoint, new WebhookRequests("127.0.0.1", DevSecret, $"{context.Tag}-sb-"), 0, settings.SaturationConnections[0], TimeSpan.Zero, settings.StackWarmup, () => Processes.CpuSnapshot.Take(stack.Jcs), cancellationToken);
        var drained = await probe.DrainedAtAsync(start, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(60), cancellationToken) is not null;
        BenchContext.Progress($"  {burst.AcceptedPerSecond:N0} events/s accepted; {(drained ? "drained" : "not drained after 60 s")}");

        var results = new List<StackResult>();
        var sequence = 0L;
        for (var i = 0; i < settings.StackRates.Count; i++)
        {
            var rate = settings.StackRates[i];
            BenchContext.Progress($"whole stack: {rate:N0} events/s offered for {Format.Seconds(settings.StackRateWarmup + settings.StackRateMeasure)} (the first {Format.Seconds(settings.StackRateWarmup)} not measured)");
            var result = await run.AtRateAsync(rate, settings.StackConnections, settings.StackRateWarmup, settings.StackRateMeasure, sequence, cancellationToken);
            sequence += perRate[i];
            BenchContext.Progress("  " + StackRows.Summary(result));
            results.Add(result);
        }

        if (settings.StackSaturation)
        {
            BenchContext.Progress($"whole stack: saturation, {settings.StackConnections} connections, {Format.Seconds(settings.StackRateWarmup + settings.StackRateMeasure)}");
            var result = await run.AtSaturationAsync(settings.StackConnections, settings.StackRateWarmup, settings.StackRateMeasure, sequence + 1_000_000_000L, cancellationToken);
            BenchContext.Progress("  " + StackRows.Summary(result));
            results.Add(result);
        }

        var completeness = tracker.Completeness();
        StackRows.Add(context, results, completeness, stack);
    }
}
