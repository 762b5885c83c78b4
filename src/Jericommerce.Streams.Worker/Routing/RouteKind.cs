namespace Jericommerce.Streams.Worker.Routing;

internal enum RouteKind
{
    /// <summary>Valid: to its typed topic.</summary>
    Typed,

    /// <summary>Invalid: to the dead-letter topic, with the reason.</summary>
    DeadLetter,

    /// <summary>Valid, but its id was routed within the dedup window: produce nothing.</summary>
    Duplicate,
}
