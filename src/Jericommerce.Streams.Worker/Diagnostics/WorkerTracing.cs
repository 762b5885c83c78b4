using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Worker.Routing;

namespace Jericommerce.Streams.Worker.Diagnostics;

/// <summary>
/// One span per raw record (source <c>Jericommerce.Streams.Worker</c>), a child of the raw record's
/// <c>traceparent</c> (the ingress's span), from taking the record to its output's ack. The typed
/// or dead-letter record carries this span's context in its own <c>traceparent</c>.
/// </summary>
internal static class WorkerTracing
{
    public const string SourceName = "Jericommerce.Streams.Worker";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the record's span without making it the ambient one: many records are in flight at once.</summary>
    public static Activity? StartRecord(string name, ConsumeResult<byte[]?, byte[]?> record)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var headers = record.Message.Headers;
        _ = ActivityContext.TryParse(headers.GetText(RecordHeaders.TraceParent), headers.GetText(RecordHeaders.TraceState), isRemote: true, out var parent);
        var ambient = Activity.Current;
        Activity.Current = null;
        var span = Source.StartActivity(name, ActivityKind.Consumer, parent);
        Activity.Current = ambient;
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", "kafka");
            span.SetTag("messaging.operation.type", "process");
            span.SetTag("messaging.destination.name", record.Topic);
            span.SetTag("messaging.destination.partition.id", record.Partition.Value.ToString(CultureInfo.InvariantCulture));
            span.SetTag("messaging.kafka.offset", record.Offset.Value);
            span.SetTag("jcs.request_id", headers.GetText(RecordHeaders.RequestId));
        }

        return span;
    }

    /// <summary>Makes the output record carry the span's context, in place of the raw record's.</summary>
    public static void Propagate(Activity? span, Message<byte[]?, byte[]?>? output)
    {
        if (span?.Id is not { } id || output is null)
        {
            return;
        }

        output.Headers ??= new Headers();
        output.Headers.Remove(RecordHeaders.TraceParent);
        output.Headers.AddText(RecordHeaders.TraceParent, id);
    }

    /// <summary>Ends the span with the record's outcome.</summary>
    public static void Stop(Activity? span, RouteDecision decision)
    {
        if (span is null)
        {
            return;
        }

        if (span.IsAllDataRequested)
        {
            switch (decision.Kind)
            {
                case RouteKind.Typed:
                    span.SetTag("jcs.outcome", "routed");
                    span.SetTag("jcs.event_type", decision.Label);
                    span.SetTag("jcs.output.topic", decision.Topic);
                    break;
                case RouteKind.DeadLetter:
                    span.SetTag("jcs.outcome", "dead-lettered");
                    span.SetTag("jcs.error_kind", decision.Label);
                    span.SetTag("jcs.output.topic", decision.Topic);
                    break;
                default:
                    span.SetTag("jcs.outcome", "deduplicated");
                    span.SetTag("jcs.event_type", decision.Label);
                    break;
            }
        }

        // Stop makes the span's parent ambient: keep the caller's ambient activity instead.
        var ambient = Activity.Current;
        span.Stop();
        Activity.Current = ambient;
    }
}
