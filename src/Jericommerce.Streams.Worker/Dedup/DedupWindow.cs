using System.IO.Hashing;
using System.Numerics;
using System.Text;

namespace Jericommerce.Streams.Worker.Dedup;

/// <summary>
/// The event ids one raw partition routed recently. Jericommerce re-sends an event with the same
/// body (so the same customer, so the same raw partition): the window lives with the partition.
/// Ids are kept as 64-bit XxHash3 values; two ids colliding in a million has a chance of about 3e-8.
/// Not thread-safe: one partition processor owns it.
/// </summary>
/// <remarks>
/// Entries expire oldest first, so they live in a ring in the order they were added (hash and time,
/// 16 bytes), and an open-addressing table of ring positions (4 bytes a slot, at most half full)
/// finds an id. That is 24 bytes an id at capacity, against about 44 for a dictionary beside a
/// queue, and the ring grows by doubling only as far as <c>capacity</c>: a partition's window
/// costs what it holds, and at most about 5 MB at the default 200,000 ids.
/// </remarks>
internal sealed class DedupWindow
{
    private const int InitialLength = 1_024;
    private const int Free = -1;

    private readonly long _windowMs;
    private readonly int _capacity;

    // Oldest at _head; _length entries from there, wrapping. An entry of an id added again later is superseded:
    // the table points at the newer one, and the old one only waits to leave the ring.
    private Entry[] _ring;
    private int _head;
    private int _length;

    // Ring position of each remembered id's latest entry, found by linear probing from the hash's low bits.
    private int[] _slots;
    private int _mask;

    public DedupWindow(TimeSpan window, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _windowMs = (long)window.TotalMilliseconds;
        _capacity = capacity;
        _ring = new Entry[Math.Min(capacity, InitialLength)];
        (_slots, _mask) = NewTable(_ring.Length);
    }

    /// <summary>How many ids are remembered.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Records that <paramref name="id"/> was routed at <paramref name="at"/> (the event's receipt
    /// time, Unix ms). False when it was already routed within the window before <paramref name="at"/>.
    /// </summary>
    public bool TryAdd(string id, long at)
    {
        var hash = Hash(id);
        Expire(at);
        var slot = Probe(hash);
        if (_slots[slot] != Free && at - _ring[_slots[slot]].At <= _windowMs)
        {
            return false;
        }

        if (_length == _ring.Length)
        {
            if (_ring.Length < _capacity)
            {
                Grow();
            }
            else
            {
                RemoveOldest();
            }

            // Both move slots: a new table, or entries shifted back into a cleared slot.
            slot = Probe(hash);
        }

        var position = Position(_length);
        _ring[position] = new Entry(hash, at);
        _length++;
        Point(slot, position);
        return true;
    }

    private static ulong Hash(string id)
    {
        Span<byte> utf8 = stackalloc byte[256];
        return Encoding.UTF8.TryGetBytes(id, utf8, out var written)
            ? XxHash3.HashToUInt64(utf8[..written])
            : XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(id));
    }

    private static (int[] Slots, int Mask) NewTable(int ringLength)
    {
        // At most half full, so that a probe ends after a slot or two.
        var slots = new int[(int)Math.Max(4, BitOperations.RoundUpToPowerOf2((uint)ringLength * 2))];
        Array.Fill(slots, Free);
        return (slots, slots.Length - 1);
    }

    private int Position(int offset)
    {
        var position = _head + offset;
        return position < _ring.Length ? position : position - _ring.Length;
    }

    private void Expire(long now)
    {
        var horizon = now - _windowMs;
        while (_length > 0 && _ring[_head].At < horizon)
        {
            RemoveOldest();
        }
    }

    private void RemoveOldest()
    {
        // Only when the table still points at this entry: a superseded one has a newer entry of its id.
        var slot = Probe(_ring[_head].Hash);
        if (_slots[slot] == _head)
        {
            Clear(slot);
        }

        _head = Position(1);
        _length--;
    }

    private int Home(ulong hash) => (int)hash & _mask;

    /// <summary>The table slot holding <paramref name="hash"/>, or the free slot where it would go.</summary>
    private int Probe(ulong hash)
    {
        var slot = Home(hash);
        while (_slots[slot] != Free && _ring[_slots[slot]].Hash != hash)
        {
            slot = (slot + 1) & _mask;
        }

        return slot;
    }

    /// <summary>Makes a slot from <see cref="Probe"/> point at ring <paramref name="position"/>, counting a new id.</summary>
    private void Point(int slot, int position)
    {
        if (_slots[slot] == Free)
        {
            Count++;
        }

        _slots[slot] = position;
    }

    /// <summary>Empties a slot, moving later entries of its probe run back so that every lookup still finds them.</summary>
    private void Clear(int slot)
    {
        Count--;
        var next = slot;
        while (true)
        {
            next = (next + 1) & _mask;
            if (_slots[next] == Free)
            {
                break;
            }

            // An entry may move back to the freed slot unless its home lies cyclically after that slot and up to where it is.
            var home = Home(_ring[_slots[next]].Hash);
            var stays = slot <= next ? slot < home && home <= next : slot < home || home <= next;
            if (!stays)
            {
                _slots[slot] = _slots[next];
                slot = next;
            }
        }

        _slots[slot] = Free;
    }

    private void Grow()
    {
        var ring = new Entry[(int)Math.Min(_capacity, (long)_ring.Length * 2)];
        for (var i = 0; i < _length; i++)
        {
            ring[i] = _ring[Position(i)];
        }

        _ring = ring;
        _head = 0;
        (_slots, _mask) = NewTable(ring.Length);
        Count = 0;

        // Oldest first, so that an id added more than once ends up pointing at its latest entry.
        for (var i = 0; i < _length; i++)
        {
            Point(Probe(ring[i].Hash), i);
        }
    }

    private readonly record struct Entry(ulong Hash, long At);
}
