using System.CommandLine;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Common;

/// <summary><c>--schemas</c>: the schema folder (catalog, schemas, examples) a command reads.</summary>
internal sealed class SchemaOptions
{
    public Option<DirectoryInfo?> Directory { get; } = new("--schemas")
    {
        Description = "folder with catalog.json, the schemas and examples/ (default: the copy beside jcs, else schemas/ of the checkout)",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Directory);
    }

    /// <summary>The schema folder: the option, else the copy beside the binaries, else the nearest checkout's.</summary>
    public string Resolve(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(Directory) is { } chosen)
        {
            return File.Exists(Path.Combine(chosen.FullName, SchemaDirectory.CatalogFileName))
                ? chosen.FullName
                : throw CliException.Usage($"--schemas {chosen.FullName} has no {SchemaDirectory.CatalogFileName}");
        }

        if (File.Exists(Path.Combine(SchemaDirectory.Default, SchemaDirectory.CatalogFileName)))
        {
            return SchemaDirectory.Default;
        }

        try
        {
            return SchemaDirectory.Find(Environment.CurrentDirectory);
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliException($"no schemas/{SchemaDirectory.CatalogFileName} beside jcs or above {Environment.CurrentDirectory}: pass --schemas <folder>");
        }
    }

    public SchemaCatalog Load(ParseResult result, string topicPrefix)
    {
        var directory = Resolve(result);
        try
        {
            return SchemaCatalog.Load(directory, topicPrefix);
        }
        catch (SchemaCatalogException ex)
        {
            throw new CliException($"cannot load the schemas in {directory}: {ex.Message}", ex);
        }
    }
}
