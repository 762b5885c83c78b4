using System.Text.Json;

namespace Jericommerce.Streams.Reliability.Tests.Accounting;

/// <summary>Reads the body <c>id</c> of a record (null when the body is not a JSON object with a string id).</summary>
internal static class EventIds
{
    public static string? Of(byte[]? body)
    {
        if (body is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
