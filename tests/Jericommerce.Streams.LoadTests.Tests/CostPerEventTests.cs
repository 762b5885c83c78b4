using Jericommerce.Streams.LoadTests.Stack;

namespace Jericommerce.Streams.LoadTests.Tests;

public sealed class CostPerEventTests
{
    [Fact]
    public void Micros_is_cpu_seconds_over_events()
    {
        Assert.Equal(80, CostPerEvent.Micros(0.8, 10_000), 6);
        Assert.True(double.IsNaN(CostPerEvent.Micros(0.8, 0)));
    }

    [Fact]
    public void At_a_rate_cores_over_events_per_second()
    {
        // One core busy at 20,000 events/s is 50 µs per event.
        Assert.Equal(50, CostPerEvent.MicrosAtRate(1.0, 20_000), 6);
        Assert.True(double.IsNaN(CostPerEvent.MicrosAtRate(1.0, 0)));
    }

    [Theory]
    [InlineData(60, 90, true)]
    [InlineData(59.9, 90, true)]
    [InlineData(60.1, 90, false)]
    [InlineData(double.NaN, 90, false)]
    public void Cut_by_a_third_means_at_most_two_thirds_of_the_baseline(double micros, double baseline, bool cut) =>
        Assert.Equal(cut, CostPerEvent.CutByAThird(micros, baseline));

    [Theory]
    [InlineData(7.26, "7.3 µs")]
    [InlineData(123.4, "123 µs")]
    [InlineData(double.NaN, "n/a")]
    public void Formats_as_microseconds(double micros, string text) => Assert.Equal(text, CostPerEvent.Format(micros));

    [Fact]
    public void Row_states_the_service_beside_its_ceiling_against_two_thirds_of_the_baseline()
    {
        var row = CostPerEvent.Row("worker: CPU per routed event", 14.0, 10.0, 22.0);

        Assert.Equal(("Cost", "worker: CPU per routed event", "14 µs", "10 µs"), (row.Area, row.Measure, row.Full, row.Ceiling));
        Assert.Equal("≤ ⅔ of 22 µs (2026-12-06)", row.Target);
        Assert.True(row.Met);
        Assert.False(CostPerEvent.Row("worker", 15.0, 10.0, 22.0).Met);
    }
}
