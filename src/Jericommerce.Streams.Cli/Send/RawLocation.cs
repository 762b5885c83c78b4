namespace Jericommerce.Streams.Cli.Send;

/// <summary>A record's place in the raw topic, as the ingress reports it in a 202.</summary>
internal sealed record RawLocation(string Topic, int Partition, long Offset)
{
    public override string ToString() => $"{Topic} [{Partition}]@{Offset}";
}
