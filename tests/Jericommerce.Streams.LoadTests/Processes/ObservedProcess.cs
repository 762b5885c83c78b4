namespace Jericommerce.Streams.LoadTests.Processes;

/// <summary>
/// A process the harness did not start itself but measures (a service <c>jcs dev</c> started): its CPU time and peak
/// RSS from <c>/proc</c>, keeping the last reading once it is gone.
/// </summary>
internal sealed class ObservedProcess(string name, int id)
{
    private readonly ProcessReadings _readings = new(id);

    public string Name { get; } = name;

    public int Id { get; } = id;

    public TimeSpan CpuTime => _readings.CpuTime;

    public long PeakRssBytes => _readings.PeakRssBytes;

    public bool HasExited => !Directory.Exists($"/proc/{Id}");

    /// <summary>
    /// The child of <paramref name="parent"/> whose command line holds <paramref name="marker"/> (e.g. <c>jcs-worker.dll</c>),
    /// or null: read from each thread's <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/children</c>.
    /// </summary>
    public static ObservedProcess? FindChild(int parent, string marker, string name)
    {
        foreach (var task in Directory.EnumerateDirectories($"/proc/{parent}/task"))
        {
            string children;
            try
            {
                children = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (IOException)
            {
                continue; // The thread ended meanwhile.
            }

            foreach (var text in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var pid = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                try
                {
                    if (File.ReadAllText($"/proc/{pid}/cmdline").Contains(marker, StringComparison.Ordinal))
                    {
                        return new ObservedProcess(name, pid);
                    }
                }
                catch (IOException)
                {
                    // Gone meanwhile.
                }
            }
        }

        return null;
    }
}
