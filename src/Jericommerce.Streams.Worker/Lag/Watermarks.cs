namespace Jericommerce.Streams.Worker.Lag;

/// <summary>A partition's low (oldest retained) and high (next to be written) offsets, as the broker reported them.</summary>
internal readonly record struct Watermarks(long Low, long High);
