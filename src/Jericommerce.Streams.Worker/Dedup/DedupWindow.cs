using System.IO.Hashing;
using System.Text;

namespace Jericommerce.Streams.Worker.Dedup;

/// <summary>
/// The event ids one raw partition routed recently. Jericommerce re-sends an event with the same
/// body (so the same customer, so the same raw partition): the window lives with the partition.
/// Ids are kept as 64-bit XxHash3 values (16 bytes plus dictionary overhead, about 40 bytes an
/// entry), so memory is bounded by <c>capacity</c>; two ids colliding in a million has a chance
/// of about 3e-8. Not thread-safe: one partition processor owns it.
/// </summary>
internal sealed class DedupWindow(TimeSpan window, int capacity)
{
    private readonly Dictionary<ulong, long> _seenAt = new(Math.Min(capacity, 16_384));
    private readonly Queue<(ulong Hash, long At)> _byAge = new();

    public int Count => _seenAt.Count;

    /// <summary>
    /// Records that <paramref name="id"/> was routed at <paramref name="at"/> (the event's receipt
    /// time, Unix ms). False when it was already routed within the window before <paramref name="at"/>.
    /// </summary>
    public bool TryAdd(string id, long at)
    {
        Span<byte> utf8 = stackalloc byte[256];
        var hash = Encoding.UTF8.TryGetBytes(id, utf8, out var written)
            ? XxHash3.HashToUInt64(utf8[..written])
            : XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(id));
        Expire(at);
        if (_seenAt.TryGetValue(hash, out var previous) && at - previous <= (long)window.TotalMilliseconds)
        {
            return false;
        }

        _seenAt[hash] = at;
        _byAge.Enqueue((hash, at));
        while (_seenAt.Count > capacity && _byAge.TryDequeue(out var oldest))
        {
            Forget(oldest);
        }

        return true;
    }

    private void Expire(long now)
    {
        var horizon = now - (long)window.TotalMilliseconds;
        while (_byAge.TryPeek(out var oldest) && oldest.At < horizon)
        {
            _byAge.Dequeue();
            Forget(oldest);
        }
    }

    private void Forget((ulong Hash, long At) entry)
    {
        // An id seen again after it expired has a newer entry further back in the queue: keep that one.
        if (_seenAt.TryGetValue(entry.Hash, out var at) && at == entry.At)
        {
            _seenAt.Remove(entry.Hash);
        }
    }
}
