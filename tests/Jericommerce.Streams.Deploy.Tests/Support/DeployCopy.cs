namespace Jericommerce.Streams.Deploy.Tests.Support;

/// <summary>A copy of deploy/kubernetes in a temporary folder, to break on purpose.</summary>
internal sealed class DeployCopy : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "jcs-deploy-" + Guid.NewGuid().ToString("N"));

    public DeployCopy()
    {
        var source = Repository.PathOf("deploy/kubernetes");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string PathOf(string relative) => Path.Combine(_root, relative);

    /// <summary>Replaces text that must be in the file exactly once.</summary>
    public void Replace(string relative, string text, string replacement)
    {
        var path = PathOf(relative);
        var content = File.ReadAllText(path);
        Assert.True(content.Split(text).Length == 2, $"'{text}' is not in {relative} exactly once");
        File.WriteAllText(path, content.Replace(text, replacement, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
