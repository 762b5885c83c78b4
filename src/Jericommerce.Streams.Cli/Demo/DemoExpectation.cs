namespace Jericommerce.Streams.Cli.Demo;

/// <summary>Where a demo request should end up.</summary>
internal abstract record DemoExpectation
{
    /// <summary>Accepted (202) and routed to this typed topic.</summary>
    public sealed record Typed(string Topic) : DemoExpectation;

    /// <summary>Accepted (202) and dead-lettered with this <c>jc-error-kind</c>.</summary>
    public sealed record DeadLetter(string Kind) : DemoExpectation;

    /// <summary>Refused by the ingress with this status: nothing stored.</summary>
    public sealed record Refused(int StatusCode) : DemoExpectation;

    /// <summary>Accepted (202), then not routed again: the same event as case <see cref="OriginalNumber"/>.</summary>
    public sealed record Dropped(int OriginalNumber) : DemoExpectation;
}
