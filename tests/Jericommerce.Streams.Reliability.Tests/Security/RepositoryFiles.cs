namespace Jericommerce.Streams.Reliability.Tests.Security;

/// <summary>Finds files in the repository checkout the tests were built from (bin, obj and .git left out).</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Jericommerce.Streams.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("The repository root (Jericommerce.Streams.sln) is not above the test binaries.");
        }
    }

    public static IReadOnlyList<string> Matching(Func<string, bool> fileName) =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(Root, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git" or "node_modules" or "artifacts"))
            .Where(f => fileName(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)];
}
