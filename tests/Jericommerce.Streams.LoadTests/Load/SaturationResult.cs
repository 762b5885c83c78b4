namespace Jericommerce.Streams.LoadTests.Load;

/// <summary>What a closed-loop run measured: accepted requests per second over the measured window, and CPU.</summary>
internal sealed record SaturationResult(int Connections, double AcceptedPerSecond, long Accepted, long Refused, long Failed, CpuUse Cpu);
