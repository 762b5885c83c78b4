namespace Jericommerce.Streams.Testing;

/// <summary>One line of a Prometheus scrape: a series and its value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
