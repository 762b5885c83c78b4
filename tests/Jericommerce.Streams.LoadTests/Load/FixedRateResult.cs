namespace Jericommerce.Streams.LoadTests.Load;

/// <summary>What an open-loop run measured over its measured window: the rate reached, latencies, answers and CPU.</summary>
/// <param name="Unsent">Requests still waiting for a free connection when the load ended, not sent (only when asked to abandon them).</param>
internal sealed record FixedRateResult(double OfferedPerSecond, double AnsweredPerSecond, LatencySummary Latency, long Accepted, long Refused, long Failed, CpuUse Cpu, long Unsent = 0);
