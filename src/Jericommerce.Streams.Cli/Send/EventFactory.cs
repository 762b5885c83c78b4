using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jericommerce.Streams.Cli.Send;

/// <summary>
/// Turns a template into the body to send: as is, or with a fresh <c>id</c> and <c>createdAt</c> (a new event,
/// as Jericommerce would send it), optionally one of N simulated customers, optionally made schema-invalid.
/// </summary>
internal static class EventFactory
{
    /// <summary>What an invalid event gets: a <c>createdAt</c> that is not a date-time breaks every type's schema.</summary>
    public const string InvalidCreatedAt = "not-a-date";

    public static string NewEventId() => $"evt_jcs_{Guid.CreateVersion7():N}";

    /// <summary>
    /// The template's body with a new <c>id</c> and <paramref name="createdAt"/>; <paramref name="customerId"/>, when given,
    /// replaces <c>customerId</c> (which keys the record, so it spreads events over partitions).
    /// </summary>
    public static byte[] Fresh(EventTemplate template, DateTimeOffset createdAt, string? customerId = null, bool invalid = false)
    {
        ArgumentNullException.ThrowIfNull(template);
        var body = ParseObject(template);
        body["id"] = NewEventId();
        body["createdAt"] = invalid
            ? InvalidCreatedAt
            : createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        if (customerId is not null)
        {
            body["customerId"] = customerId;
        }

        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>The template's body unchanged but for a <c>createdAt</c> no schema accepts.</summary>
    public static byte[] Invalid(EventTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var body = ParseObject(template);
        body["createdAt"] = InvalidCreatedAt;
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static JsonObject ParseObject(EventTemplate template)
    {
        try
        {
            return JsonNode.Parse(template.Body) as JsonObject
                ?? throw new Common.CliException($"{template.Source} is not a JSON object: it can only be sent as is (--ids keep, no --invalid)");
        }
        catch (JsonException ex)
        {
            throw new Common.CliException($"{template.Source} is not JSON ({ex.Message}): it can only be sent as is (--ids keep, no --invalid)", ex);
        }
    }
}
