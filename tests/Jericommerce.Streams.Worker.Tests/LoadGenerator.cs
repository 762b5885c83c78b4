using System.Text;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>Writes unique events to the raw topic at a steady rate, every tenth one invalid.</summary>
internal sealed class LoadGenerator
{
    public List<string> Ids { get; } = [];

    public int Invalid { get; private set; }

    public async Task RunAsync(RawEvents raw, int count, int perSecond, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var id = $"evt-{Guid.NewGuid():N}";
            Ids.Add(id);
            if (i % 10 == 9)
            {
                Invalid++;
                raw.Send(Encoding.UTF8.GetBytes($$$"""{"id":"{{{id}}}","customerId":"cus-{{{i % 100}}}","createdAt":"2025-03-14T09:26:53Z","properties":{}}"""), "Customer scanned");
            }
            else
            {
                raw.Send(RawEvents.CustomerScanned(id, $"cus-{i % 100}", i), "Customer scanned");
            }

            // Deliberate pacing, the generator's rate: not a wait for anything.
            var due = TimeSpan.FromSeconds((i + 1) / (double)perSecond);
            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed, cancellationToken);
            }
        }

        raw.Flush();
    }
}
