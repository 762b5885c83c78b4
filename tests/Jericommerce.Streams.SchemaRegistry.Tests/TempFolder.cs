namespace Jericommerce.Streams.SchemaRegistry.Tests;

/// <summary>A folder of made-up schema files, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("jcs-registry-");

    public string Path => _directory.FullName;

    public void Write(string fileName, string text) => File.WriteAllText(System.IO.Path.Combine(Path, fileName), text);

    public void Dispose() => _directory.Delete(recursive: true);
}
