using System.Collections.Concurrent;

namespace Jericommerce.Streams.Ingress.Diagnostics;

/// <summary>
/// Lets one log line per kind through per interval and counts the ones it holds back, so that a flood of
/// refusals writes a line a minute per kind, not a line a request. The kinds are few (a variant name, a reason).
/// </summary>
internal sealed class LogGate(TimeProvider time, TimeSpan interval)
{
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>True when a line of this kind may be written now; <paramref name="suppressed"/> says how many were held back since the last.</summary>
    public bool TryPass(string kind, out long suppressed)
    {
        var state = _states.GetOrAdd(kind, _ => new State());
        var now = time.GetUtcNow();
        lock (state)
        {
            if (now < state.Next)
            {
                state.Suppressed++;
                suppressed = 0;
                return false;
            }

            state.Next = now + interval;
            suppressed = state.Suppressed;
            state.Suppressed = 0;
            return true;
        }
    }

    private sealed class State
    {
        public DateTimeOffset Next { get; set; } = DateTimeOffset.MinValue;

        public long Suppressed { get; set; }
    }
}
