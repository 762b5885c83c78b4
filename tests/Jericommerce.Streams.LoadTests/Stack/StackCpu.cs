using System.Globalization;

namespace Jericommerce.Streams.LoadTests.Stack;

/// <summary>
/// CPU of each process of a whole-stack run: the generator (this harness), jcs (the dev broker lives in it), the
/// ingress and the worker. As times so far, or as average cores over a window.
/// </summary>
internal readonly record struct StackCpu(double Generator, double Broker, double Ingress, double Worker)
{
    public double Total => Generator + Broker + Ingress + Worker;

    public static StackCpu FromTimes(TimeSpan generator, TimeSpan broker, TimeSpan ingress, TimeSpan worker) =>
        new(generator.TotalSeconds, broker.TotalSeconds, ingress.TotalSeconds, worker.TotalSeconds);

    /// <summary>What was used between <paramref name="start"/> and this reading, as average cores over <paramref name="seconds"/>.</summary>
    public StackCpu CoresSince(StackCpu start, double seconds) => seconds <= 0
        ? default
        : new((Generator - start.Generator) / seconds, (Broker - start.Broker) / seconds, (Ingress - start.Ingress) / seconds, (Worker - start.Worker) / seconds);

    /// <summary><c>gen 0.52 · jcs/broker 0.71 · ingress 0.60 · worker 0.41</c> (cores).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"gen {Generator:F2} · jcs/broker {Broker:F2} · ingress {Ingress:F2} · worker {Worker:F2}");
}
