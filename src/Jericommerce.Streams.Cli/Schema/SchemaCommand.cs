using System.CommandLine;

namespace Jericommerce.Streams.Cli.Schema;

/// <summary><c>jcs schema</c>: tools for adopting and changing event schemas.</summary>
internal static class SchemaCommand
{
    public static Command Create() => new("schema", "Checks a schema against the events captured on a topic.")
    {
        SchemaCheckCommand.Create(),
    };
}
