namespace Jericommerce.Streams.Cli.Common;

/// <summary>How to run this same jcs again from the current directory, for the commands it suggests.</summary>
internal static class JcsInvocation
{
    public static string Command
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "jcs.dll");
            if (Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" && File.Exists(dll))
            {
                var relative = Path.GetRelativePath(Environment.CurrentDirectory, dll);
                return $"dotnet {(relative.StartsWith("..", StringComparison.Ordinal) ? dll : relative)}";
            }

            // The apphost or the installed dotnet tool.
            return "jcs";
        }
    }
}
