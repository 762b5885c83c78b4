namespace Jericommerce.Streams.Cli.Send;

/// <summary>One webhook to send.</summary>
/// <param name="Body">The exact bytes to sign and send.</param>
/// <param name="EventType">The <c>x-jericommerce-event-type</c> value; null sends no such header.</param>
/// <param name="Signature">The <c>x-jericommerce-hmac-sha256</c> value; null sends no such header.</param>
internal sealed record WebhookRequest(byte[] Body, string? EventType, string? Signature);
