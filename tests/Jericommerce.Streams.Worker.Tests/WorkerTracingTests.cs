using System.Collections.Concurrent;
using System.Diagnostics;
using Jericommerce.Streams.Worker.Diagnostics;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>The worker continues the raw record's trace: one span per record, whose context the output record carries.</summary>
public sealed class WorkerTracingTests(BrokerFixture broker)
{
    private const string ValidTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string InvalidTrace = "0af7651916cd43dd8448eb211c80319c";
    private const string IngressSpan = "00f067aa0ba902b7";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheOutputRecord_CarriesTheWorkersSpan_AChildOfTheRawRecordsTraceparent_TaggedWithTypeAndOutcome()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkerTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        using (var raw = new RawRecords(broker.BootstrapServers, topics.Raw))
        {
            await raw.SendAsync(RawRecords.Example("wallet-click.valid.json", "traced-valid"), "Wallet click", traceParent: $"00-{ValidTrace}-{IngressSpan}-01", cancellationToken: Cancel);
            await raw.SendAsync(RawRecords.Example("wallet-click.invalid.missing-name.json", "traced-invalid"), "Wallet click", traceParent: $"00-{InvalidTrace}-{IngressSpan}-01", cancellationToken: Cancel);
            await raw.SendAsync(RawRecords.Example("wallet-click.valid.json", "untraced"), "Wallet click", cancellationToken: Cancel);
        }

        await using var worker = await InProcessWorker.StartAsync(topics.Settings(broker.BootstrapServers));
        var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 3, cancellationToken: Cancel);

        var typed = TraceParentOf(landed.Typed.Single(r => Landed.IdOf(r) == "traced-valid"));
        Assert.Equal(ValidTrace, typed.TraceId);
        Assert.NotEqual(IngressSpan, typed.SpanId);
        Assert.Equal("01", typed.Flags);
        var deadLetter = TraceParentOf(Assert.Single(landed.DeadLetters));
        Assert.Equal(InvalidTrace, deadLetter.TraceId);
        Assert.NotEqual(IngressSpan, deadLetter.SpanId);
        Assert.Single(landed.DeadLetters[0].Message.Headers, h => h.Key == RecordHeaders.TraceParent);
        var root = TraceParentOf(landed.Typed.Single(r => Landed.IdOf(r) == "untraced"));
        Assert.NotEqual(ValidTrace, root.TraceId);
        Assert.NotEqual(InvalidTrace, root.TraceId);

        var routedSpan = await StoppedAsync(stopped, typed.SpanId);
        Assert.Equal(ActivityKind.Consumer, routedSpan.Kind);
        Assert.Equal(IngressSpan, routedSpan.ParentSpanId.ToHexString());
        Assert.Equal("routed", routedSpan.GetTagItem("jcs.outcome"));
        Assert.Equal("wallet-click", routedSpan.GetTagItem("jcs.event_type"));
        var deadLetterSpan = await StoppedAsync(stopped, deadLetter.SpanId);
        Assert.Equal("dead-lettered", deadLetterSpan.GetTagItem("jcs.outcome"));
        Assert.Equal("schema-violation", deadLetterSpan.GetTagItem("jcs.error_kind"));
    }

    private static (string TraceId, string SpanId, string Flags) TraceParentOf(Confluent.Kafka.ConsumeResult<byte[]?, byte[]?> record)
    {
        var parts = Landed.Header(record, RecordHeaders.TraceParent).Split('-');
        Assert.Equal(4, parts.Length);
        Assert.Equal("00", parts[0]);
        return (parts[1], parts[2], parts[3]);
    }

    private static async Task<Activity> StoppedAsync(ConcurrentQueue<Activity> stopped, string spanId)
    {
        return await Eventually.FoundAsync(() => stopped.FirstOrDefault(a => a.SpanId.ToHexString() == spanId), $"span {spanId} to end", TimeSpan.FromSeconds(10), Cancel);
    }
}
