namespace Jericommerce.Streams.Worker.Group;

/// <summary>The versions of one API a broker accepts.</summary>
internal sealed record ApiRange(string Name, short Min, short Max);
