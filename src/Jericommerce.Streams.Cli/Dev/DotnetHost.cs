namespace Jericommerce.Streams.Cli.Dev;

/// <summary>The <c>dotnet</c> executable that runs this process, to run the services on the same runtime.</summary>
internal static class DotnetHost
{
    public static string Path
    {
        get
        {
            // Run as `dotnet jcs.dll`: the very same host.
            if (Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                return self;
            }

            // Set by the SDK for the processes it starts (dotnet run, dotnet test).
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            {
                return host;
            }

            // Run as the jcs apphost or a dotnet tool: the host sits three levels above the runtime's folder
            // (<root>/shared/Microsoft.NETCore.App/<version>/).
            var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            var candidate = System.IO.Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return File.Exists(candidate) ? candidate : "dotnet";
        }
    }
}
