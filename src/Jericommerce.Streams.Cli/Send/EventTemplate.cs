namespace Jericommerce.Streams.Cli.Send;

/// <summary>An event to send (as is, or as a model for fresh ones).</summary>
/// <param name="Source">Where it came from: an example's file name, a path, or <c>stdin</c>.</param>
/// <param name="EventType">The <c>x-jericommerce-event-type</c> to send it with; null sends none.</param>
/// <param name="Body">The body bytes.</param>
internal sealed record EventTemplate(string Source, string? EventType, byte[] Body);
