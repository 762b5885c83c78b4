namespace Jericommerce.Streams.Testing;

/// <summary>
/// The checkout the tests were built from, for files that are not copied to the build output (the compose file,
/// deploy/, docs/). The Kubernetes tests compile this file themselves, to stay free of the test fixtures.
/// </summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Jericommerce.Streams.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Jericommerce.Streams.sln above {AppContext.BaseDirectory}.");
    }
}
