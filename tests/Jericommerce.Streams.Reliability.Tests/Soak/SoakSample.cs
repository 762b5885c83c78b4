namespace Jericommerce.Streams.Reliability.Tests.Soak;

/// <summary>Both services and the pipeline at <paramref name="At"/> into the load.</summary>
internal sealed record SoakSample(TimeSpan At, ServiceSample Ingress, ServiceSample Worker, long? Lag, int Sent, int Accepted);
