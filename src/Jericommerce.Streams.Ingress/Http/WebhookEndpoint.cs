using System.Diagnostics;
using Confluent.Kafka;
using Jericommerce.Streams.Ingress.Diagnostics;
using Jericommerce.Streams.Ingress.Kafka;
using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Ingress.Quarantine;
using Jericommerce.Streams.Ingress.Signatures;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Signatures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Jericommerce.Streams.Ingress.Http;

/// <summary>
/// <c>POST /webhooks/jericommerce</c>: authenticates the request by its HMAC signature, writes
/// the body unchanged to the raw topic, and answers 202 only once Kafka acknowledged the record.
/// </summary>
internal sealed class WebhookEndpoint(
    SignatureVerifier verifier,
    SignatureDiagnostics diagnostics,
    OnboardingQuarantine quarantine,
    IRawRecordSink producer,
    IngressMetrics metrics,
    IOptions<IngressOptions> options,
    TimeProvider time,
    ILogger<WebhookEndpoint> logger)
{
    public const string Path = JericommerceWebhook.Path;

    /// <summary>Longest event type kept for the logs (the record keeps it whole).</summary>
    private const int MaxLoggedEventType = 128;

    /// <summary>A challenge for the 401s (RFC 9110 asks for one); the scheme names the header to sign with.</summary>
    private const string Challenge = "HMAC-SHA256 header=\"" + WebhookHeaders.Signature + "\"";

    private readonly IngressOptions _options = options.Value;

    /// <summary>Whether a request whose signature fails still has its body read (for the diagnosis or the quarantine).</summary>
    private bool ReadsFailures => diagnostics.Enabled || quarantine.IsOpen;

    /// <summary>The endpoint's request delegate: resolves the singleton handler.</summary>
    public static Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<WebhookEndpoint>().HandleAsync(context);
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = time.GetTimestamp();
        using var span = IngressTracing.StartWebhook(context.TraceIdentifier, ForLog(context.Request.Headers[WebhookHeaders.EventType]));
        var status = await ProcessAsync(context, span);
        IngressTracing.End(span, status);
        metrics.RecordRequest(status, time.GetElapsedTime(started));
    }

    private async Task<int> ProcessAsync(HttpContext context, Activity? span)
    {
        var receivedAt = time.GetUtcNow();
        var requestId = context.TraceIdentifier;
        var headers = context.Request.Headers;
        var eventType = headers[WebhookHeaders.EventType];
        var loggedEventType = ForLog(eventType);

        // Cheap refusals first, before a byte of the body is read.
        if (context.Request.ContentLength > _options.MaxBodyBytes)
        {
            return await TooLargeAsync(context, requestId, loggedEventType);
        }

        var signature = headers[WebhookHeaders.Signature];
        var shape = verifier.Inspect(signature);

        // A signature in a known but unaccepted encoding (base64url, or one left out of
        // Ingress:SignatureEncodings) is still refused, but its body is read for the diagnosis.
        if (!shape.IsValid && !(shape.Failure == SignatureFailure.MalformedSignature && ReadsFailures && SignatureVerifier.IsDecodable(signature)))
        {
            return await UnauthorizedAsync(context, shape.Failure, requestId, loggedEventType);
        }

        var read = await RequestBody.ReadAsync(context, _options.MaxBodyBytes);
        if (!read.Succeeded)
        {
            return await BodyFailedAsync(context, read, requestId, loggedEventType);
        }

        var body = read.Body!;
        metrics.RecordBodySize(body.Length);
        var check = verifier.Verify(signature, body);
        if (!check.IsValid)
        {
            var diagnosis = diagnostics.Diagnose(requestId, signature, body);
            await quarantine.KeepAsync(headers, body, requestId, receivedAt, check.Failure == SignatureFailure.SignatureMismatch ? JsonResponses.SignatureMismatch : JsonResponses.MalformedSignature, diagnosis);
            return await UnauthorizedAsync(context, check.Failure, requestId, loggedEventType);
        }

        var envelope = EventEnvelope.Read(body);
        var message = new Message<byte[]?, byte[]>
        {
            Key = envelope.CustomerIdKey,
            Value = body,
            Headers = RecordHeadersFor(headers, eventType, envelope, receivedAt, requestId, check),
        };

        var outcome = await producer.ProduceAsync(message, requestId);
        switch (outcome.Status)
        {
            case ProduceStatus.Persisted:
                var position = outcome.Position!;
                IngressTracing.Stored(span, envelope.LoggedId, position);
                IngressLog.Stored(logger, requestId, envelope.LoggedId, loggedEventType, position.Topic, position.Partition.Value, position.Offset.Value, check.SecretName);
                await JsonResponses.WriteAcceptedAsync(context, position.Topic, position.Partition.Value, position.Offset.Value);
                return StatusCodes.Status202Accepted;

            case ProduceStatus.QueueFull:
                IngressLog.QueueFull(logger, requestId, _options.MaxQueuedMessages);
                return await UnavailableAsync(context, JsonResponses.QueueFull, "Too many events waiting for Kafka", "The ingress is at capacity; nothing was stored. Retry later.");

            case ProduceStatus.TimedOut:
                IngressLog.AckTimedOut(logger, requestId, envelope.LoggedId, loggedEventType, _options.AckTimeout);
                return await UnavailableAsync(context, JsonResponses.KafkaUnavailable, "Kafka did not acknowledge the event", "The event is not confirmed as stored. Retry later.");

            default:
                IngressLog.ProduceFailed(logger, requestId, envelope.LoggedId, loggedEventType, outcome.Error?.Code.ToString() ?? "", outcome.Error?.Reason ?? "", outcome.Persistence.ToString());
                return await UnavailableAsync(context, JsonResponses.KafkaUnavailable, "Kafka did not acknowledge the event", "The event is not confirmed as stored. Retry later.");
        }
    }

    private static Headers RecordHeadersFor(IHeaderDictionary request, StringValues eventType, EventEnvelope envelope, DateTimeOffset receivedAt, string requestId, SignatureCheck check)
    {
        var headers = new Headers();
        if (eventType.Count > 0)
        {
            headers.AddText(RecordHeaders.EventTypeReceived, eventType.ToString());
        }

        // What was read of the body already, so that the worker need not read it again.
        if (envelope.IdHeader is { } eventId)
        {
            headers.AddText(RecordHeaders.EventId, eventId);
        }

        headers.AddNumber(RecordHeaders.ReceivedAt, receivedAt.ToUnixTimeMilliseconds());
        headers.AddText(RecordHeaders.RequestId, requestId);
        headers.AddText(RecordHeaders.SignatureEncoding, check.EncodingName);
        headers.AddText(RecordHeaders.SignatureKey, check.SecretName!);
        if (check.Variant is { } variant)
        {
            headers.AddText(RecordHeaders.SignatureVariant, variant.Name);
        }

        // The trace goes on from the webhook span (or, when the caller's trace is not sampled, from
        // the server's unsampled activity, which keeps its trace id and flags).
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } traceParentId } current)
        {
            headers.AddText(RecordHeaders.TraceParent, traceParentId);
            if (!string.IsNullOrEmpty(current.TraceStateString))
            {
                headers.AddText(RecordHeaders.TraceState, current.TraceStateString);
            }

            return headers;
        }

        if (request[WebhookHeaders.TraceParent] is { Count: > 0 } traceParent && !StringValues.IsNullOrEmpty(traceParent))
        {
            headers.AddText(RecordHeaders.TraceParent, traceParent.ToString());
        }

        if (request[WebhookHeaders.TraceState] is { Count: > 0 } traceState && !StringValues.IsNullOrEmpty(traceState))
        {
            headers.AddText(RecordHeaders.TraceState, traceState.ToString());
        }

        return headers;
    }

    private async Task<int> UnauthorizedAsync(HttpContext context, SignatureFailure failure, string requestId, string? eventType)
    {
        var (problem, title, detail) = failure switch
        {
            SignatureFailure.MissingSignature => (JsonResponses.MissingSignature, "Missing signature", $"The {WebhookHeaders.Signature} header is absent or empty."),
            SignatureFailure.MalformedSignature => (JsonResponses.MalformedSignature, "Malformed signature", $"The {WebhookHeaders.Signature} header is not an HMAC-SHA256 in an accepted encoding (base64 or hex)."),
            _ => (JsonResponses.SignatureMismatch, "Signature mismatch", $"The {WebhookHeaders.Signature} header does not match the body."),
        };
        metrics.RecordSignatureFailure(problem);
        IngressLog.SignatureRejected(logger, requestId, problem, eventType);
        context.Response.Headers.WWWAuthenticate = Challenge;
        await JsonResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, problem, title, detail);
        return StatusCodes.Status401Unauthorized;
    }

    private async Task<int> TooLargeAsync(HttpContext context, string requestId, string? eventType)
    {
        IngressLog.TooLarge(logger, requestId, _options.MaxBodyBytes, eventType);
        await JsonResponses.WriteAsync(
            context,
            StatusCodes.Status413PayloadTooLarge,
            JsonResponses.PayloadTooLarge,
            "Body too large",
            $"The body is larger than {_options.MaxBodyBytes} bytes.");
        return StatusCodes.Status413PayloadTooLarge;
    }

    private async Task<int> BodyFailedAsync(HttpContext context, BodyRead read, string requestId, string? eventType)
    {
        switch (read.FailureStatus)
        {
            case StatusCodes.Status413PayloadTooLarge:
                return await TooLargeAsync(context, requestId, eventType);

            case BodyRead.ClientClosedRequest:
                IngressLog.ClientAborted(logger, requestId);
                return BodyRead.ClientClosedRequest;

            case StatusCodes.Status408RequestTimeout:
                IngressLog.BadBody(logger, requestId, read.FailureStatus, read.Reason ?? "");
                await JsonResponses.WriteAsync(context, read.FailureStatus, JsonResponses.RequestTimeout, "Body too slow", "The body was not received fast enough.");
                return read.FailureStatus;

            default:
                IngressLog.BadBody(logger, requestId, read.FailureStatus, read.Reason ?? "");
                await JsonResponses.WriteAsync(context, StatusCodes.Status400BadRequest, JsonResponses.BadRequest, "Unreadable body", read.Reason ?? "The body could not be read.");
                return StatusCodes.Status400BadRequest;
        }
    }

    private async Task<int> UnavailableAsync(HttpContext context, string problem, string title, string detail)
    {
        context.Response.Headers.RetryAfter = JsonResponses.RetryAfterSeconds(_options.RetryAfter);
        await JsonResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, problem, title, detail);
        return StatusCodes.Status503ServiceUnavailable;
    }

    private static string? ForLog(StringValues eventType)
    {
        if (eventType.Count == 0)
        {
            return null;
        }

        var text = eventType.ToString();
        return text.Length > MaxLoggedEventType ? text[..MaxLoggedEventType] : text;
    }
}
