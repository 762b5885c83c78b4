namespace Jericommerce.Streams.LoadTests.Processes;

/// <summary>
/// A process's CPU time and peak resident set size, read from <c>/proc</c>, keeping the last reading once the process
/// is gone, so that a row can still be written for a process that has just exited.
/// </summary>
internal sealed class ProcessReadings(int id)
{
    private TimeSpan _lastCpu;
    private long _lastPeakRss;

    /// <summary>CPU time so far (the last value read once the process is gone).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            try
            {
                _lastCpu = ProcFs.CpuTime(id);
            }
            catch (IOException)
            {
                // Exited: keep the last reading.
            }

            return _lastCpu;
        }
    }

    /// <summary>Peak resident set size so far, in bytes (the last value read once the process is gone).</summary>
    public long PeakRssBytes
    {
        get
        {
            try
            {
                _lastPeakRss = Math.Max(_lastPeakRss, ProcFs.PeakRssBytes(id));
            }
            catch (IOException)
            {
                // Exited: keep the last reading.
            }

            return _lastPeakRss;
        }
    }
}
