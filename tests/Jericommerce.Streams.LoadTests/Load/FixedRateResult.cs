using Jericommerce.Streams.LoadTests.Processes;

namespace Jericommerce.Streams.LoadTests.Load;

/// <summary>What an open-loop run measured over its measured window: the rate reached, latencies, answers and CPU.</summary>
internal sealed record FixedRateResult(double OfferedPerSecond, double AnsweredPerSecond, LatencySummary Latency, long Accepted, long Refused, long Failed, CpuUse Cpu);
