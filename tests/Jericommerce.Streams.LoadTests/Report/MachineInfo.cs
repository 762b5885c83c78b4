using System.Globalization;
using System.Runtime.InteropServices;

namespace Jericommerce.Streams.LoadTests.Report;

/// <summary>The machine the run measured: cores, memory, CPU model, runtime.</summary>
internal sealed record MachineInfo(int Cores, double MemoryGiB, string CpuModel, string Runtime, string Os)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ProcFs.MemoryTotalBytes() / (1024.0 * 1024 * 1024),
        ProcFs.CpuModel(),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cores} cores, {MemoryGiB:F1} GiB memory, CPU {CpuModel}; {Runtime}; {Os}");
}
