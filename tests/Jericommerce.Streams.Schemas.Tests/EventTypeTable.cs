using System.Text;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Schemas.Tests;

/// <summary>The README's table of event types, as the catalog says it should read.</summary>
internal static class EventTypeTable
{
    public const string StartMarker = "<!-- event-types:start -->";
    public const string EndMarker = "<!-- event-types:end -->";

    public static string Render(SchemaCatalog catalog)
    {
        var table = new StringBuilder()
            .Append(StartMarker).Append('\n')
            .Append("| Event type (slug) | Accepted `x-jericommerce-event-type` names | Typed topic | Schema |\n")
            .Append("| --- | --- | --- | --- |\n");
        foreach (var type in catalog.EventTypes)
        {
            var names = string.Join(", ", type.HeaderNames.Select(name => $"`{name}`"));
            table.Append($"| `{type.Slug}` | {names} | `{type.Topic}` | `schemas/{type.SchemaFile}` |\n");
        }

        return table.Append(EndMarker).ToString();
    }
}
