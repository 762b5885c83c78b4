using Jericommerce.Streams.LoadTests.Stack;

namespace Jericommerce.Streams.LoadTests.Tests;

public sealed class KeepUpTests
{
    private static StackResult At10k(long accepted, long lag, TimeSpan? drain, long notAccepted = 0) => new(
        10_000,
        new PipelineWindow(new PipelineMark(TimeSpan.Zero, 0, 0, default), new PipelineMark(TimeSpan.FromSeconds(1), accepted, accepted - lag, default)),
        lag,
        drain,
        null,
        notAccepted,
        256);

    [Fact]
    public void Keeps_up_when_it_accepts_the_offer_and_routes_within_a_second_of_it() =>
        Assert.True(StackRows.KeepsUp(At10k(9_900, 9_999, TimeSpan.FromSeconds(1.2))));

    [Fact]
    public void A_lag_of_a_second_of_load_is_falling_behind() =>
        Assert.False(StackRows.KeepsUp(At10k(9_900, 10_000, TimeSpan.FromSeconds(1.2))));

    [Fact]
    public void Routing_all_it_accepts_is_not_enough_when_it_accepts_too_little() =>
        Assert.False(StackRows.KeepsUp(At10k(6_500, 0, TimeSpan.Zero)));

    [Fact]
    public void A_refused_request_or_an_endless_drain_is_not_keeping_up()
    {
        Assert.False(StackRows.KeepsUp(At10k(9_900, 0, TimeSpan.Zero, notAccepted: 1)));
        Assert.False(StackRows.KeepsUp(At10k(9_900, 0, null)));
    }

    [Fact]
    public void Requests_left_unsent_at_the_end_count_only_through_the_accepted_rate()
    {
        var result = At10k(9_900, 0, TimeSpan.Zero) with { Unsent = 40 };

        Assert.True(StackRows.KeepsUp(result));
    }

    [Fact]
    public void Lag_seconds_are_over_the_offered_rate() =>
        Assert.Equal(0.25, At10k(9_900, 2_500, TimeSpan.Zero).LagSeconds, 6);
}
