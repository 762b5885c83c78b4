using System.Diagnostics;
using System.Net;
using System.Threading.Channels;

namespace Jericommerce.Streams.LoadTests.Load;

/// <summary>
/// A fixed offered rate, open loop: request <c>i</c> is due at <c>start + i / rate</c> whatever happened to the
/// earlier ones; a pacing thread releases each when due to whichever connection is free. Latency is measured from
/// the due time, not the send time, so a slow answer that holds up later requests counts against all of them
/// (coordinated omission is not hidden). Only requests due after the warm-up are measured. With
/// <c>abandonAtEnd</c>, requests still queued when the load's time is up are counted as unsent rather than sent late.
/// </summary>
internal static class OpenLoop
{
    public static async Task<FixedRateResult> RunAsync(
        IPEndPoint endpoint,
        WebhookRequests requests,
        long firstSequence,
        int connections,
        double perSecond,
        TimeSpan warmup,
        TimeSpan measure,
        Func<CpuSnapshot> cpu,
        Action<long>? onAccepted,
        CancellationToken cancellationToken,
        bool abandonAtEnd = false)
    {
        var pool = await ConnectionPool.OpenAsync(endpoint, connections, cancellationToken);
        var warmupCount = (long)(warmup.TotalSeconds * perSecond);
        var total = warmupCount + (long)(measure.TotalSeconds * perSecond);
        var samples = new LatencySamples((int)(total - warmupCount));
        var queue = Channel.CreateUnbounded<(long Index, long Due)>(new UnboundedChannelOptions { SingleWriter = true });
        long accepted = 0;
        long refused = 0;
        long failed = 0;
        long unsent = 0;
        var measuredStart = new TaskCompletionSource<CpuSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        var measuredEnd = new TaskCompletionSource<CpuSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);

        var pacer = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            var period = Stopwatch.Frequency / perSecond;
            for (long i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
            {
                var due = start + (long)(i * period);
                NativeSleep.Until(due);
                if (i == warmupCount)
                {
                    measuredStart.TrySetResult(cpu());
                }

                queue.Writer.TryWrite((i, due));
            }

            NativeSleep.Until(start + (long)(total * period));
            measuredEnd.TrySetResult(cpu());
            queue.Writer.TryComplete();
        })
        {
            IsBackground = true,
            Name = "open-loop pacer",
            Priority = ThreadPriority.AboveNormal,
        };

        var workers = pool.Select(connection => Task.Run(
            async () =>
            {
                var writer = requests.CreateWriter();
                using (connection)
                {
                    await foreach (var (index, due) in queue.Reader.ReadAllAsync(cancellationToken))
                    {
                        // An offer the server could not take in time: not sending it is what the offer's end means.
                        if (abandonAtEnd && measuredEnd.Task.IsCompleted)
                        {
                            Interlocked.Increment(ref unsent);
                            continue;
                        }

                        var sequence = firstSequence + index;
                        int status;
                        try
                        {
                            status = await connection.SendAsync(writer.Request(sequence), cancellationToken);
                        }
                        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
                        {
                            Interlocked.Increment(ref failed);
                            return;
                        }

                        var latency = Stopwatch.GetTimestamp() - due;
                        if (status == 202)
                        {
                            onAccepted?.Invoke(sequence);
                        }

                        if (index >= warmupCount)
                        {
                            samples.Add(latency);
                            Interlocked.Increment(ref status == 202 ? ref accepted : ref refused);
                        }
                    }
                }
            },
            CancellationToken.None)).ToList();

        pacer.Start();
        var startCpu = await measuredStart.Task;
        var endCpu = await measuredEnd.Task;
        await Task.WhenAll(workers);

        var seconds = Stopwatch.GetElapsedTime(startCpu.Timestamp, endCpu.Timestamp).TotalSeconds;
        return new FixedRateResult(
            perSecond,
            (accepted + refused) / seconds,
            samples.Summarize(),
            accepted,
            refused,
            failed,
            endCpu.Since(startCpu),
            unsent);
    }
}
