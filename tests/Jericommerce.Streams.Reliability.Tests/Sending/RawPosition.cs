namespace Jericommerce.Streams.Reliability.Tests.Sending;

/// <summary>Where the ingress said it stored a record: its 202 body's topic, partition and offset.</summary>
internal sealed record RawPosition(string Topic, int Partition, long Offset);
