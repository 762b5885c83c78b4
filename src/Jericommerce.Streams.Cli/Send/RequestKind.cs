namespace Jericommerce.Streams.Cli.Send;

/// <summary>What a simulated request carries.</summary>
internal enum RequestKind
{
    /// <summary>A new event (fresh id unless ids are kept).</summary>
    New,

    /// <summary>An event that breaks its schema: the worker dead-letters it (<c>schema-violation</c>).</summary>
    Invalid,

    /// <summary>An event sent before, byte for byte (a Jericommerce retry): the worker routes its id once.</summary>
    Duplicate,
}
