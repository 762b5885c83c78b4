namespace Jericommerce.Streams.Cli.Send;

/// <summary>The <paramref name="Index"/>-th request of a run, signed and ready to send.</summary>
internal sealed record PlannedRequest(int Index, RequestKind Kind, string Source, string? EventId, WebhookRequest Request);
