namespace Jericommerce.Streams.Cli.Demo;

/// <summary>Where a demo request did end up, as found in Kafka.</summary>
/// <param name="Topic">The typed or dead-letter topic holding it; null when it was found nowhere.</param>
/// <param name="Partition">Its partition there.</param>
/// <param name="Offset">Its offset there.</param>
/// <param name="Kind">The dead letter's <c>jc-error-kind</c>.</param>
/// <param name="Detail">The dead letter's <c>jc-error-detail</c>.</param>
internal sealed record DemoLanding(string? Topic, int Partition, long Offset, string? Kind, string? Detail);
