using System.Diagnostics;
using System.Net;

namespace Jericommerce.Streams.LoadTests.Load;

/// <summary>
/// Saturation: every connection sends its next unique signed request as soon as the previous one is answered.
/// Requests answered 202 are counted over the measured window (after a warm-up); anything else is counted as
/// refused, and a broken connection as failed.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<SaturationResult> RunAsync(
        IPEndPoint endpoint,
        WebhookRequests requests,
        long firstSequence,
        int connections,
        TimeSpan warmup,
        TimeSpan measure,
        Func<CpuSnapshot> cpu,
        CancellationToken cancellationToken)
    {
        var pool = await ConnectionPool.OpenAsync(endpoint, connections, cancellationToken);
        var next = firstSequence - 1;
        long accepted = 0;
        long refused = 0;
        long failed = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = pool.Select(connection => Task.Run(
            async () =>
            {
                var writer = requests.CreateWriter();
                using (connection)
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var sequence = Interlocked.Increment(ref next);
                        try
                        {
                            var status = await connection.SendAsync(writer.Request(sequence), stop.Token);
                            Interlocked.Increment(ref status == 202 ? ref accepted : ref refused);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }
                        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
                        {
                            Interlocked.Increment(ref failed);
                            return;
                        }
                    }
                }
            },
            CancellationToken.None)).ToList();

        // Deliberate pacing: the warm-up, then the measured window, last exactly this long.
        await Task.Delay(warmup, cancellationToken);
        var startCpu = cpu();
        var (startAccepted, startRefused, startFailed) = (Interlocked.Read(ref accepted), Interlocked.Read(ref refused), Interlocked.Read(ref failed));
        await Task.Delay(measure, cancellationToken);
        var endCpu = cpu();
        var (endAccepted, endRefused, endFailed) = (Interlocked.Read(ref accepted), Interlocked.Read(ref refused), Interlocked.Read(ref failed));
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var seconds = Stopwatch.GetElapsedTime(startCpu.Timestamp, endCpu.Timestamp).TotalSeconds;
        return new SaturationResult(
            connections,
            (endAccepted - startAccepted) / seconds,
            endAccepted - startAccepted,
            endRefused - startRefused,
            endFailed - startFailed,
            endCpu.Since(startCpu));
    }
}
