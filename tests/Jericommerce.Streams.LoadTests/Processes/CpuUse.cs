using System.Globalization;

namespace Jericommerce.Streams.LoadTests.Processes;

/// <summary>Average cores used over a measurement by the load generator, the broker and the service(s) under test.</summary>
internal readonly record struct CpuUse(double Generator, double Broker, double Service)
{
    public double Total => Generator + Broker + Service;

    /// <summary><c>gen 0.52 · broker 0.31 · svc 0.98</c> (cores).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"gen {Generator:F2} · broker {Broker:F2} · svc {Service:F2}");
}
