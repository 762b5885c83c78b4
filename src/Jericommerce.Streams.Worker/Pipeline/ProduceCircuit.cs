using Polly.CircuitBreaker;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>
/// The produce circuit breaker's own state, read from Polly (<see cref="CircuitBreakerStateProvider"/>), and its
/// manual control. Attached to the breaker by <see cref="ProduceResilience.Configure"/>.
/// </summary>
internal sealed class ProduceCircuit
{
    public CircuitBreakerStateProvider State { get; } = new();

    public CircuitBreakerManualControl Control { get; } = new();

    /// <summary>
    /// True from the moment produce failures open the circuit until a trial produce closes it again: half-open
    /// counts as open, so that consumption resumes only once Kafka takes records again.
    /// </summary>
    public bool IsOpen
    {
        get
        {
            try
            {
                return State.CircuitState != CircuitState.Closed;
            }
            catch (ObjectDisposedException)
            {
                // The pipeline is gone with the host; a metrics read at shutdown must not fail on it.
                return false;
            }
        }
    }

    /// <summary>
    /// Closes an open circuit at once. For when the produces whose retries would have closed it were abandoned
    /// with their partitions: with no partition left to try a produce, it would never close, and consumption
    /// would stay paused for good.
    /// </summary>
    public void CloseWhenNothingCanTry()
    {
        if (IsOpen)
        {
            Control.CloseAsync().GetAwaiter().GetResult();
        }
    }
}
