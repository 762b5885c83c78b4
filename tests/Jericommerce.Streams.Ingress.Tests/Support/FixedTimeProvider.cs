namespace Jericommerce.Streams.Ingress.Tests.Support;

/// <summary>A clock stopped at one instant; timers and timestamps stay real.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Instant = new(2025, 6, 1, 12, 34, 56, 789, TimeSpan.Zero);

    public FixedTimeProvider()
        : this(Instant)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
