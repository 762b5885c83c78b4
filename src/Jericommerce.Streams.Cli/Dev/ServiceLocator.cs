using System.Reflection;
using Jericommerce.Streams.Cli.Common;

namespace Jericommerce.Streams.Cli.Dev;

/// <summary>
/// Finds a service's entry assembly (<c>jcs-ingress.dll</c>, <c>jcs-worker.dll</c>) for <c>jcs dev</c>: beside
/// jcs (a build output that references the services, like the tests'), else in the checkout's build output of the
/// same configuration as jcs (what <c>make run</c> builds). The services run as they are deployed, from their own
/// build, with their own settings and dependencies.
/// </summary>
internal static class ServiceLocator
{
    public static string Find(string assemblyName, string projectName, string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw CliException.Usage($"{explicitPath}: no such file");
        }

        var fileName = $"{assemblyName}.dll";
        foreach (var candidate in Candidates(fileName, projectName))
        {
            // A referenced project's dll without its runtimeconfig cannot be started on its own.
            if (File.Exists(candidate) && File.Exists(Path.ChangeExtension(candidate, ".runtimeconfig.json")))
            {
                return candidate;
            }
        }

        throw new CliException($"cannot find {fileName}: build it first (make build, or dotnet build src/{projectName}), or pass its path");
    }

    private static IEnumerable<string> Candidates(string fileName, string projectName)
    {
        yield return Path.Combine(AppContext.BaseDirectory, fileName);
        var configuration = typeof(ServiceLocator).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var framework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var project = Path.Combine(directory.FullName, "src", projectName);
                if (Directory.Exists(project))
                {
                    yield return Path.Combine(project, "bin", configuration, framework, fileName);
                    break;
                }
            }
        }
    }
}
