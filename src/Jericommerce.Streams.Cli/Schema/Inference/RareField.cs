namespace Jericommerce.Streams.Cli.Schema.Inference;

/// <summary>A property present in fewer than <see cref="SchemaDraft.RareShare"/> of the objects that could hold it.</summary>
/// <param name="Path">Dotted, from the event: <c>properties.voucherCode</c>; <c>[]</c> marks array items.</param>
/// <param name="Seen">How many of those objects held it.</param>
/// <param name="Of">How many objects there were.</param>
internal sealed record RareField(string Path, int Seen, int Of);
