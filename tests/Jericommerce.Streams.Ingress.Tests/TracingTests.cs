using System.Net;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>W3C trace context: the ingress continues the caller's trace, and the raw record carries the ingress's span.</summary>
public sealed class TracingTests(BrokerFixture broker)
{
    private const string CallerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string CallerSpan = "00f067aa0ba902b7";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string[]> RecordTraceParentAsync(string? traceParent)
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-trace");
        using var client = app.CreateClient();
        using var request = Webhook.Signed(Webhook.Event());
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        using var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, app.Topic, expected: 1, cancellationToken: Cancel));
        var parts = record.Message.Headers.GetText(RecordHeaders.TraceParent)?.Split('-') ?? [];
        Assert.Equal(4, parts.Length);
        Assert.Equal("00", parts[0]);
        Assert.Matches("^[0-9a-f]{32}$", parts[1]);
        Assert.Matches("^[0-9a-f]{16}$", parts[2]);
        return parts;
    }

    [Fact]
    public async Task ASampledCallerTrace_IsContinued_WithTheIngressSpanInTheRawRecord()
    {
        var parts = await RecordTraceParentAsync($"00-{CallerTrace}-{CallerSpan}-01");

        Assert.Equal(CallerTrace, parts[1]);
        Assert.NotEqual(CallerSpan, parts[2]);
        Assert.Equal("01", parts[3]);
    }

    [Fact]
    public async Task AnUnsampledCallerTrace_KeepsItsTraceIdAndItsDecision()
    {
        var parts = await RecordTraceParentAsync($"00-{CallerTrace}-{CallerSpan}-00");

        Assert.Equal(CallerTrace, parts[1]);
        Assert.Equal("00", parts[3]);
    }

    [Fact]
    public async Task ARequestWithoutTraceContext_StartsATrace_ThatTheRawRecordCarries()
    {
        var parts = await RecordTraceParentAsync(traceParent: null);

        Assert.NotEqual(CallerTrace, parts[1]);
        Assert.Equal("01", parts[3]);
    }
}
