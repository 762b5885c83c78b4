using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Jericommerce.Streams.Reliability.Tests.Soak;

/// <summary>The soak's series as SVG plots (OxyPlot, whose SVG export needs no native graphics library).</summary>
internal static class SoakPlot
{
    /// <summary>RSS and GC heap of both services (left axis) and the group's lag (right axis), over the run.</summary>
    public static string Memory(IReadOnlyList<SoakSample> samples)
    {
        var model = Model("Memory and lag", "MiB");
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Right, Key = "lag", Title = "lag (records)", Minimum = 0 });
        foreach (var (service, pick) in SoakJudgement.Services)
        {
            model.Series.Add(Line($"{service} RSS", samples.Select(s => (s.At, pick(s).RssMiB))));
            model.Series.Add(Line($"{service} GC heap", samples.Select(s => (s.At, pick(s).GcHeapMiB))));
        }

        var lag = Line("lag", samples.Where(s => s.Lag is not null).Select(s => (s.At, (double)s.Lag!.Value)));
        lag.YAxisKey = "lag";
        lag.LineStyle = LineStyle.Dot;
        model.Series.Add(lag);
        return Svg(model);
    }

    /// <summary>CPU (cores) and threads of both services over the run.</summary>
    public static string CpuAndThreads(IReadOnlyList<SoakSample> samples)
    {
        var model = Model("CPU and threads", "CPU (cores)");
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Right, Key = "threads", Title = "threads", Minimum = 0 });
        foreach (var (service, pick) in SoakJudgement.Services)
        {
            model.Series.Add(Line($"{service} CPU", SoakJudgement.CpuCores(samples, pick)));
            var threads = Line($"{service} threads", samples.Select(s => (s.At, (double)pick(s).Threads)));
            threads.YAxisKey = "threads";
            threads.LineStyle = LineStyle.Dash;
            model.Series.Add(threads);
        }

        return Svg(model);
    }

    private static PlotModel Model(string title, string leftTitle)
    {
        // A font every renderer has (the default, Segoe UI, is a Windows font) and room for the title and legend.
        var model = new PlotModel { Title = title, Background = OxyColors.White, DefaultFont = "sans-serif", Padding = new OxyThickness(10, 24, 10, 10) };
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "minutes into the load", Minimum = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = leftTitle, Minimum = 0 });
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.BottomCenter, LegendPlacement = LegendPlacement.Outside, LegendOrientation = LegendOrientation.Horizontal });
        return model;
    }

    private static LineSeries Line(string title, IEnumerable<(TimeSpan At, double Value)> points)
    {
        var line = new LineSeries { Title = title, StrokeThickness = 1.5 };
        line.Points.AddRange(points.Where(p => !double.IsNaN(p.Value)).Select(p => new DataPoint(p.At.TotalMinutes, p.Value)));
        return line;
    }

    private static string Svg(PlotModel model) => SvgExporter.ExportToString(model, 960, 480, isDocument: true);
}
