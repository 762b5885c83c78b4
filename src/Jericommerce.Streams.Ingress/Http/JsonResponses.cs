using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Jericommerce.Streams.Ingress.Http;

/// <summary>
/// The small JSON answers: RFC 9457 problem details (<c>application/problem+json</c>) for every
/// refusal, and the 202 receipt. Written directly with <see cref="Utf8JsonWriter"/>.
/// </summary>
internal static class JsonResponses
{
    public const string TypePrefix = "urn:jericommerce-streams:problem:";

    public const string MissingSignature = "missing-signature";
    public const string MalformedSignature = "malformed-signature";
    public const string SignatureMismatch = "signature-mismatch";
    public const string PayloadTooLarge = "payload-too-large";
    public const string BadRequest = "bad-request";
    public const string RequestTimeout = "request-timeout";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string KafkaUnavailable = "kafka-unavailable";
    public const string QueueFull = "queue-full";
    public const string NotFound = "not-found";

    public static Task WriteAsync(HttpContext context, int status, string problem, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", TypePrefix + problem);
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteString("requestId", context.TraceIdentifier);
            json.WriteEndObject();
        }

        return WriteAsync(context.Response, status, "application/problem+json", buffer);
    }

    /// <summary>A problem body for a status set without one (by routing).</summary>
    public static Task WriteStatusAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = context.Response.StatusCode;
        return status switch
        {
            StatusCodes.Status404NotFound => WriteAsync(context, status, NotFound, "Not found", "Only POST /webhooks/jericommerce, GET /livez, GET /readyz and GET /metrics exist here."),
            StatusCodes.Status405MethodNotAllowed => WriteAsync(context, status, MethodNotAllowed, "Method not allowed", "Webhooks are POSTed."),
            _ => WriteAsync(context, status, string.Create(CultureInfo.InvariantCulture, $"http-{status}"), ReasonPhrases.GetReasonPhrase(status), ReasonPhrases.GetReasonPhrase(status)),
        };
    }

    public static Task WriteAcceptedAsync(HttpContext context, string topic, int partition, long offset)
    {
        ArgumentNullException.ThrowIfNull(context);
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("requestId", context.TraceIdentifier);
            json.WriteString("topic", topic);
            json.WriteNumber("partition", partition);
            json.WriteNumber("offset", offset);
            json.WriteEndObject();
        }

        return WriteAsync(context.Response, StatusCodes.Status202Accepted, "application/json", buffer);
    }

    /// <summary>Whole seconds for <c>Retry-After</c>, rounded up.</summary>
    public static string RetryAfterSeconds(TimeSpan delay) =>
        ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static Task WriteAsync(HttpResponse response, int status, string contentType, ArrayBufferWriter<byte> body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.WrittenCount;
        return response.Body.WriteAsync(body.WrittenMemory).AsTask();
    }
}
