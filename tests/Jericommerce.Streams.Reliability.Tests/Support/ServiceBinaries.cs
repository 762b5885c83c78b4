using System.Reflection;

namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>Where the services' entry assemblies are: recorded at build time by the project file.</summary>
internal static class ServiceBinaries
{
    public static string Ingress => Find("jcs-ingress");

    public static string Worker => Find("jcs-worker");

    private static string Find(string name)
    {
        var path = typeof(ServiceBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == $"service:{name}")?.Value
            ?? throw new InvalidOperationException($"No build-time path recorded for {name}: see RecordServiceBinaries in the project file.");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{name} is not built at {path}: build the solution (make build) first.", path);
    }
}
