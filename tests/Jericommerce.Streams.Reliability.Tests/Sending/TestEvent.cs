namespace Jericommerce.Streams.Reliability.Tests.Sending;

/// <summary>
/// One event as Jericommerce would send it: a unique body <c>id</c>, the body bytes, the
/// <c>x-jericommerce-event-type</c> value, and where the worker must put it: the typed topic of
/// <see cref="ExpectedSlug"/>, or the dead-letter topic when that is null.
/// </summary>
internal sealed record TestEvent(string Id, byte[] Body, string? EventType, string? ExpectedSlug)
{
    public bool ExpectedValid => ExpectedSlug is not null;
}
