using System.Collections.Concurrent;

namespace Jericommerce.Streams.Cli.Send;

/// <summary>
/// Sends a run's requests from <c>concurrency</c> loops sharing one connection pool, paced to the target rate
/// (request i is due at i / rate seconds), and gathers the answers. Latency is measured from each request's own
/// start, so it is the ingress's latency, not queueing in the simulator.
/// </summary>
internal sealed class LoadRunner(SendSettings settings, WebhookClient client, TimeProvider time)
{
    private int _sent;
    private int _answered;

    public int Sent => Volatile.Read(ref _sent);

    public int Answered => Volatile.Read(ref _answered);

    public async Task<SendReport> RunAsync(Action<PlannedRequest, WebhookOutcome>? onEach, CancellationToken cancellationToken)
    {
        var planner = new RequestPlanner(settings, time);
        var statuses = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var kinds = new ConcurrentDictionary<RequestKind, int>();
        var latencies = new ConcurrentBag<double>();
        var started = time.GetTimestamp();

        async Task LoopAsync()
        {
            while (!cancellationToken.IsCancellationRequested && planner.TryNext(out var planned))
            {
                if (settings.Rate > 0)
                {
                    var due = TimeSpan.FromSeconds(planned.Index / settings.Rate) - time.GetElapsedTime(started);
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, time, cancellationToken);
                    }
                }

                Interlocked.Increment(ref _sent);
                var outcome = await client.SendAsync(planned.Request, cancellationToken);
                Interlocked.Increment(ref _answered);
                kinds.AddOrUpdate(planned.Kind, 1, (_, n) => n + 1);
                statuses.AddOrUpdate(outcome.Label, 1, (_, n) => n + 1);
                if (outcome.StatusCode is not null)
                {
                    latencies.Add(outcome.Latency.TotalMilliseconds);
                }

                onEach?.Invoke(planned, outcome);
            }
        }

        var loops = Enumerable.Range(0, Math.Max(1, settings.Concurrency)).Select(_ => Task.Run(LoopAsync, CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: report what was sent so far.
        }

        return new SendReport
        {
            Url = client.Url,
            Planned = settings.Count,
            Sent = Answered,
            Duration = time.GetElapsedTime(started),
            Concurrency = settings.Concurrency,
            TargetRate = settings.Rate,
            Kinds = kinds,
            Statuses = statuses,
            Latency = LatencySummary.From(latencies),
        };
    }
}
