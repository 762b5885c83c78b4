namespace Jericommerce.Streams.Cli.Schema.Inference;

/// <summary>A draft's <c>$id</c>, <c>title</c> and <c>description</c>.</summary>
internal sealed record DraftIdentity(Uri Id, string Title, string Description);
