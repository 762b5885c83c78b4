namespace Jericommerce.Streams.Schemas.Compiled;

/// <summary>A schema uses something <see cref="SchemaCompiler"/> does not reproduce; it stays with JsonSchema.Net.</summary>
internal sealed class NotCompilableException(string message) : Exception(message);
