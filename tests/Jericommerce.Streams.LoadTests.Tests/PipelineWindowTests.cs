using Jericommerce.Streams.LoadTests.Stack;

namespace Jericommerce.Streams.LoadTests.Tests;

public sealed class PipelineWindowTests
{
    private static PipelineMark Mark(double seconds, long raw, long routed, double ingressCpu = 0, double workerCpu = 0, double brokerCpu = 0) =>
        new(TimeSpan.FromSeconds(seconds), raw, routed, new StackCpu(0, brokerCpu, ingressCpu, workerCpu));

    [Fact]
    public void Rates_are_the_topics_growth_over_the_window()
    {
        var window = new PipelineWindow(Mark(10, 1_000, 900), Mark(12, 21_000, 18_900));

        Assert.Equal(2, window.Seconds, 6);
        Assert.Equal(10_000, window.AcceptedPerSecond, 6);
        Assert.Equal(9_000, window.RoutedPerSecond, 6);
    }

    [Fact]
    public void Cost_per_event_is_process_cpu_over_the_events_it_handled()
    {
        // The ingress is charged per accepted event, the worker per routed one.
        var window = new PipelineWindow(Mark(0, 0, 0, ingressCpu: 1, workerCpu: 2, brokerCpu: 3), Mark(1, 10_000, 5_000, ingressCpu: 2, workerCpu: 2.5, brokerCpu: 3.5));

        Assert.Equal(100, window.IngressMicrosPerEvent, 6);
        Assert.Equal(100, window.WorkerMicrosPerEvent, 6);
        Assert.Equal(50, window.BrokerMicrosPerEvent, 6);
    }

    [Fact]
    public void Cores_are_cpu_seconds_over_wall_seconds()
    {
        var window = new PipelineWindow(Mark(0, 0, 0, ingressCpu: 1, workerCpu: 1), Mark(4, 0, 0, ingressCpu: 3, workerCpu: 2));

        Assert.Equal(0.5, window.Cores.Ingress, 6);
        Assert.Equal(0.25, window.Cores.Worker, 6);
    }

    [Fact]
    public void An_empty_window_has_no_rate_and_no_cost()
    {
        var window = new PipelineWindow(Mark(3, 5, 5), Mark(3, 5, 5));

        Assert.Equal(0, window.AcceptedPerSecond);
        Assert.True(double.IsNaN(window.IngressMicrosPerEvent));
        Assert.Equal(default, window.Cores);
    }

    [Fact]
    public void Lag_is_what_reached_the_raw_topic_since_the_baseline_and_was_not_routed()
    {
        // Before the load, 100 raw records were all routed (the baseline may sit on any counts).
        var baseline = Mark(0, 100, 100);

        Assert.Equal(2_500, Mark(5, 50_100, 47_600).LagSince(baseline));
        Assert.Equal(0, Mark(6, 50_100, 50_100).LagSince(baseline));
        Assert.Equal(0, Mark(6, 50_100, 50_200).LagSince(baseline)); // Never negative (an idempotent retry may write twice).
    }
}
