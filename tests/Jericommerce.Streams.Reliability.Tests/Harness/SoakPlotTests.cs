using Jericommerce.Streams.Reliability.Tests.Soak;

namespace Jericommerce.Streams.Reliability.Tests.Harness;

/// <summary>The soak's plots: well-formed SVG documents with every series named in their legend.</summary>
public sealed class SoakPlotTests
{
    [Fact]
    public void Plots_OfASoak_AreSvgDocumentsWithEverySeriesInTheLegend()
    {
        var samples = Enumerable.Range(0, 40).Select(i => new SoakSample(
            TimeSpan.FromSeconds(i * 5),
            new ServiceSample(100 + i, 5, 22, i * 0.2, 0),
            new ServiceSample(120 + (i % 3), 8, 31, i * 0.3, 1),
            i % 7,
            i * 250,
            i * 250)).ToList();

        var memory = SoakPlot.Memory(samples);
        var cpu = SoakPlot.CpuAndThreads(samples);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "jcs-soak-plot-test.svg"), memory);

        Assert.All([memory, cpu], svg => System.Xml.Linq.XDocument.Parse(svg));
        Assert.All(["ingress RSS", "ingress GC heap", "worker RSS", "worker GC heap", "lag"], t => Assert.Contains($">{t}<", memory, StringComparison.Ordinal));
        Assert.All(["ingress CPU", "ingress threads", "worker CPU", "worker threads"], t => Assert.Contains($">{t}<", cpu, StringComparison.Ordinal));
    }
}
