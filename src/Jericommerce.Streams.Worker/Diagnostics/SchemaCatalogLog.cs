using Jericommerce.Streams.Schemas;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Worker.Diagnostics;

/// <summary>What the worker says about its schema catalog when it loads it.</summary>
internal static partial class SchemaCatalogLog
{
    /// <summary>Names each event type whose schema only JsonSchema.Net evaluates: same answers, several times the cost per event.</summary>
    public static void NotCompiledTypes(ILogger logger, SchemaCatalog catalog)
    {
        foreach (var type in catalog.EventTypes)
        {
            if (type.NotCompiled is { } reason)
            {
                NotCompiled(logger, type.Slug, type.SchemaFile, reason);
            }
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Event type {EventType} ({SchemaFile}) is validated by JsonSchema.Net alone, several times slower per event than the compiled check, because of {NotCompiled}")]
    private static partial void NotCompiled(ILogger logger, string eventType, string schemaFile, string notCompiled);
}
