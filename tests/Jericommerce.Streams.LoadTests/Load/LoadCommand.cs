using System.Globalization;
using System.Net;
using Jericommerce.Streams.LoadTests.Phases;

namespace Jericommerce.Streams.LoadTests.Load;

/// <summary>
/// <c>load &lt;host:port&gt; &lt;seconds&gt; [connections] [rate] [secret]</c>: the generator alone against a running ingress, for
/// profiling it (dotnet-trace, dotnet-counters) under the benchmark's load. Closed loop, or open loop at
/// <c>rate</c> requests per second when one is given; prints what it measured.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var endpoint = IPEndPoint.Parse(args[0]);
        var seconds = TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture));
        var connections = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 128;
        var rate = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        var secret = args.Length > 4 ? args[4] : BenchContext.Secret;
        var requests = new WebhookRequests(endpoint.ToString(), secret, $"{Guid.NewGuid().ToString("N")[..8]}-l-");
        var self = new CpuSnapshot(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        CpuSnapshot Cpu() => self with { Timestamp = System.Diagnostics.Stopwatch.GetTimestamp(), Generator = ProcFs.CpuTime(Environment.ProcessId) };
        if (rate > 0)
        {
            var result = await OpenLoop.RunAsync(endpoint, requests, 0, connections, rate, TimeSpan.FromSeconds(1), seconds, Cpu, null, CancellationToken.None);
            Console.WriteLine($"{result.AnsweredPerSecond:N0}/s answered; p50/p99/p99.9 {result.Latency.P50P99P999}; {result.Accepted} accepted, {result.Refused} refused, {result.Failed} failed; generator {result.Cpu.Generator:F2} cores");
        }
        else
        {
            var result = await ClosedLoop.RunAsync(endpoint, requests, 0, connections, TimeSpan.FromSeconds(1), seconds, Cpu, CancellationToken.None);
            Console.WriteLine($"{result.AcceptedPerSecond:N0} 202/s; {result.Refused} refused, {result.Failed} failed; generator {result.Cpu.Generator:F2} cores");
        }

        return 0;
    }
}
