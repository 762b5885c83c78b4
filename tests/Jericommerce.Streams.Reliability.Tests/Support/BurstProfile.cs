namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>
/// The birthday burst: <paramref name="Events"/> events for <paramref name="Customers"/> distinct customers sent
/// within <paramref name="Over"/>, <paramref name="Concurrency"/> requests at once, against an ingress whose
/// producer queue holds <paramref name="ProducerQueue"/> records (so that the burst saturates it); the group's
/// lag must be back at zero within <paramref name="DrainBound"/> of the last send.
/// </summary>
internal sealed record BurstProfile(int Events, TimeSpan Over, int Concurrency, int Customers, int ProducerQueue, TimeSpan DrainBound)
{
    public double PerSecond => Events / Over.TotalSeconds;
}
