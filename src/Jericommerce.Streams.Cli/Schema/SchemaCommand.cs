using System.CommandLine;

namespace Jericommerce.Streams.Cli.Schema;

/// <summary><c>jcs schema</c>: tools for adopting and changing event schemas.</summary>
internal static class SchemaCommand
{
    public static Command Create() => new("schema", "Drafts a schema from the events captured on a topic, and checks a schema against them.")
    {
        SchemaInferCommand.Create(),
        SchemaCheckCommand.Create(),
    };
}
