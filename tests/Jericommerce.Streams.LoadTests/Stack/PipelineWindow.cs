namespace Jericommerce.Streams.LoadTests.Stack;

/// <summary>
/// What the whole stack did between two marks of a load: accepted and routed per second while the load ran, the
/// cores each process used, and the CPU each service spent per event (process CPU over events in the window).
/// </summary>
internal sealed record PipelineWindow(PipelineMark Start, PipelineMark End)
{
    public double Seconds => (End.At - Start.At).TotalSeconds;

    /// <summary>Events the ingress acknowledged (records added to the raw topic) in the window.</summary>
    public long Accepted => End.Raw - Start.Raw;

    /// <summary>Events the worker wrote out (typed or dead-lettered) in the window.</summary>
    public long Routed => End.Routed - Start.Routed;

    public double AcceptedPerSecond => Seconds <= 0 ? 0 : Accepted / Seconds;

    public double RoutedPerSecond => Seconds <= 0 ? 0 : Routed / Seconds;

    public StackCpu Cores => End.Cpu.CoresSince(Start.Cpu, Seconds);

    /// <summary>The ingress's CPU per event it accepted, µs.</summary>
    public double IngressMicrosPerEvent => CostPerEvent.Micros(End.Cpu.Ingress - Start.Cpu.Ingress, Accepted);

    /// <summary>The worker's CPU per event it routed, µs.</summary>
    public double WorkerMicrosPerEvent => CostPerEvent.Micros(End.Cpu.Worker - Start.Cpu.Worker, Routed);

    /// <summary>jcs's (the dev broker's) CPU per event accepted, µs: each event is produced twice and fetched twice.</summary>
    public double BrokerMicrosPerEvent => CostPerEvent.Micros(End.Cpu.Broker - Start.Cpu.Broker, Accepted);
}
