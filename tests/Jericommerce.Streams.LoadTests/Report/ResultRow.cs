namespace Jericommerce.Streams.LoadTests.Report;

/// <summary>One row of the results table.</summary>
/// <param name="Area">Ingress, Worker, End to end, Memory, Hot path.</param>
/// <param name="Measure">What was measured, with its conditions.</param>
/// <param name="Full">The figure for the real service (or the hot path).</param>
/// <param name="Ceiling">The same figure for the same-run ceiling, when there is one.</param>
/// <param name="Ratio">Full ÷ ceiling, when it means something.</param>
/// <param name="Target">The target, when there is one.</param>
/// <param name="Met">Whether the target was met (null: no target).</param>
/// <param name="Cpu">Cores used during the full measurement: generator · broker · service.</param>
internal sealed record ResultRow(string Area, string Measure, string Full, string Ceiling = "", string Ratio = "", string Target = "", bool? Met = null, string Cpu = "");
