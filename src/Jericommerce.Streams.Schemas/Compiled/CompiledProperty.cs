namespace Jericommerce.Streams.Schemas.Compiled;

/// <summary>One entry of a compiled <c>properties</c> keyword.</summary>
internal sealed record CompiledProperty(byte[] Utf8Name, CompiledSchema Schema);
