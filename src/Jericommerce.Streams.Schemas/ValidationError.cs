namespace Jericommerce.Streams.Schemas;

/// <summary>One reason a payload was rejected.</summary>
/// <param name="Pointer">
/// JSON Pointer (RFC 6901) to the offending value in the payload; <c>""</c> is the whole payload.
/// A missing required property is reported at the object that should contain it.
/// </param>
/// <param name="Keyword">The schema keyword that failed (<c>required</c>, <c>type</c>, <c>const</c>, <c>format</c>...), or <c>null</c> when the payload is not valid JSON.</param>
/// <param name="Message">Human-readable reason.</param>
public sealed record ValidationError(string Pointer, string? Keyword, string Message);
