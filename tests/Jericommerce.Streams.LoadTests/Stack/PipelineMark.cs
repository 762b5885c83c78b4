namespace Jericommerce.Streams.LoadTests.Stack;

/// <summary>
/// The pipeline at one moment of a whole-stack run: records on the raw topic (every 202 the ingress gave is one),
/// records the worker has written (typed topics and dead-letter topic) and the CPU each process has used so far.
/// </summary>
/// <param name="At">When, on the run's clock.</param>
/// <param name="Raw">Sum of the raw topic's high watermarks.</param>
/// <param name="Routed">Sum of the typed and dead-letter topics' high watermarks.</param>
/// <param name="Cpu">CPU seconds so far, per process.</param>
internal readonly record struct PipelineMark(TimeSpan At, long Raw, long Routed, StackCpu Cpu)
{
    /// <summary>
    /// Raw records not yet routed, counted from <paramref name="baseline"/> (a moment when nothing was waiting): the
    /// worker writes one record per raw record, so the difference is its lag.
    /// </summary>
    public long LagSince(PipelineMark baseline) => Math.Max(0, Raw - baseline.Raw - (Routed - baseline.Routed));
}
