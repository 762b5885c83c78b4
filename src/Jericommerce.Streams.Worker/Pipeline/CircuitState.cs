namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>Whether produce failures have opened the circuit: while open, the worker fetches nothing.</summary>
internal sealed class CircuitState
{
    private int _open;

    public bool IsOpen => Volatile.Read(ref _open) == 1;

    public void Set(bool open) => Volatile.Write(ref _open, open ? 1 : 0);
}
