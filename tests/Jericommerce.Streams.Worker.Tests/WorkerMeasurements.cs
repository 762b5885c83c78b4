using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>Sums one worker's counters (its own meter factory's instruments only: tests run side by side).</summary>
internal sealed class WorkerMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly ConcurrentDictionary<string, int> _latest = new();

    public WorkerMeasurements(IServiceProvider services)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == scope && instrument.Meter.Name == WorkerMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => _latest[instrument.Name] = value);
        _listener.Start();
    }

    public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

    /// <summary>The current value of an observable gauge.</summary>
    public int Observe(string instrument)
    {
        _listener.RecordObservableInstruments();
        return _latest.GetValueOrDefault(instrument);
    }

    public void Dispose() => _listener.Dispose();
}
