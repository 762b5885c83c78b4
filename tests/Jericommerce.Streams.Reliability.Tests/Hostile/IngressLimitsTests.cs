using System.Globalization;
using System.Text;
using Jericommerce.Streams.Reliability.Tests.Sending;

namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>
/// The ingress at each of its limits, through real sockets, on a process with the timeouts shortened
/// (headers 2 s, slow-body grace 1.5 s) and at most <see cref="LimitsIngress.MaxConnections"/>
/// connections. Covered elsewhere, not repeated here: the body limit with and without Content-Length
/// (Ingress.Tests BodyLimitTests, KestrelTests), the header count (KestrelTests), the producer queue
/// (QueueFullTests); the random mix of all of them is <see cref="IngressFuzzTests"/>.
/// </summary>
public sealed class IngressLimitsTests(LimitsIngress fixture) : IClassFixture<LimitsIngress>
{
    private const int HeadersLimit = 32 * 1024;
    private const int BodyLimit = 262_144;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HeadersJustUnderTheTotalSizeLimit_AreAccepted_AndJustOverIt_Get431_WithNothingStored()
    {
        var before = await RawCountAsync();
        var under = await RawHttp.SendAsync(fixture.Ingress.Port, Request(Event("limit-headers-under"), padding: HeadersLimit - 1024), Cancel);
        var over = await RawHttp.SendAsync(fixture.Ingress.Port, Request(Event("limit-headers-over"), padding: HeadersLimit + 256), Cancel);

        Assert.Equal(202, under.Status);
        Assert.Equal(431, over.Status);
        Assert.Equal(before + 1, await RawCountAsync());
    }

    [Fact]
    public async Task ChunkedBodyOfExactlyTheLimitInSmallChunks_IsAccepted_AndOneByteMore_Gets413()
    {
        // Kestrel counts chunk framing against its own body limit: the ingress must not refuse a body
        // within the limit because it came in many chunks.
        var before = await RawCountAsync();
        var atLimit = await RawHttp.SendAsync(fixture.Ingress.Port, Chunked(Padded(BodyLimit, "limit-chunked-at"), chunk: 100), Cancel);
        var overLimit = await RawHttp.SendAsync(fixture.Ingress.Port, Chunked(Padded(BodyLimit + 1, "limit-chunked-over"), chunk: 100), Cancel);

        Assert.Equal(202, atLimit.Status);
        Assert.Equal(413, overLimit.Status);
        Assert.Equal(before + 1, await RawCountAsync());
    }

    [Fact]
    public async Task HeadersSentSlowerThanTheHeadersTimeout_AreCutOff_WithNothingStored()
    {
        var before = await RawCountAsync();
        var request = Request(Event("limit-slow-headers"));

        // A byte every 300 ms: the whole request would take minutes; the server must end it long before.
        var response = await RawHttp.SendAsync(fixture.Ingress.Port, request, Cancel, sliceBytes: 1, sliceDelay: TimeSpan.FromMilliseconds(300), readTimeout: TimeSpan.FromSeconds(30));

        Assert.True(response.ServerEnded, "the server kept a slowloris connection open for 30 s");
        Assert.True(response.Status is 408 or 0, $"answered {response.Status}");
        Assert.Equal(before, await RawCountAsync());
    }

    [Fact]
    public async Task BodySentBelowTheMinimumDataRate_Gets408_WithNothingStored()
    {
        var before = await RawCountAsync();
        var body = Padded(2000, "limit-slow-body");
        var request = Request(body);

        // The headers at once, then 8 bytes every 400 ms (20 B/s, the minimum is 240 B/s after a 1.5 s grace).
        var response = await RawHttp.SendAsync(
            fixture.Ingress.Port, request, Cancel, sliceBytes: 8, sliceDelay: TimeSpan.FromMilliseconds(400), sendAtOnce: request.Length - body.Length, readTimeout: TimeSpan.FromSeconds(30));

        Assert.True(response.ServerEnded, "the server waited 30 s for a body trickling at 20 B/s");
        Assert.Equal(408, response.Status);
        Assert.Contains("request-timeout", response.Text, StringComparison.Ordinal);
        Assert.Equal(before, await RawCountAsync());
    }

    [Fact]
    public async Task ConnectionsBeyondTheLimit_AreClosedUnanswered_AndServedAgainOnceOthersFinish()
    {
        using var holding = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        // Each holder uploads a large body at 500 B/s: above the minimum rate, so the server keeps it.
        var holders = Enumerable.Range(0, LimitsIngress.MaxConnections).Select(i =>
        {
            var body = Padded(100_000, $"limit-holder-{i}");
            var request = Request(body);
            return RawHttp.SendAsync(fixture.Ingress.Port, request, holding.Token, sliceBytes: 100, sliceDelay: TimeSpan.FromMilliseconds(200), sendAtOnce: request.Length - body.Length, readTimeout: TimeSpan.FromMinutes(3));
        }).ToList();

        // Deliberate pacing: the holders get a second to connect; a connection accepted shows nothing to poll from here.
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);

        var refused = await RawHttp.SendAsync(fixture.Ingress.Port, Request(Event("limit-connection-refused")), Cancel, readTimeout: TimeSpan.FromSeconds(20));

        await holding.CancelAsync();
        foreach (var holder in holders)
        {
            await holder.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        // Freed connections are counted down as the server notices them closing: retry until one is served.
        var served = await RetryAsync(() => RawHttp.SendAsync(fixture.Ingress.Port, Request(Event("limit-connection-served")), Cancel));

        Assert.True(refused.ServerEnded && refused.Status == 0, $"over the limit, expected the connection closed unanswered, got {refused.Status}");
        Assert.Equal(202, served.Status);
    }

    private static async Task<RawResponse> RetryAsync(Func<Task<RawResponse>> send)
    {
        RawResponse? last = null;
        return await Eventually.FoundAsync(
            async _ => (last = await send()).Status != 0 ? last : null,
            () => $"a connection to be served again (the last one was closed unanswered: {last?.ServerEnded})",
            TimeSpan.FromSeconds(10),
            Cancel,
            TimeSpan.FromMilliseconds(200));
    }

    private Task<long> RawCountAsync() => TopicReader.CountAsync(fixture.Scenario.Cluster.BootstrapServers, fixture.Scenario.Topics.Raw, Cancel);

    private byte[] Request(byte[] body, int padding = 0)
    {
        var request = new HttpRequestBytes("POST /webhooks/jericommerce HTTP/1.1")
            .Header("Host", "127.0.0.1")
            .Header("Connection", "close")
            .Header("Content-Type", "application/json")
            .Header("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture))
            .Header(Signing.EventTypeHeader, "Customer created")
            .Header(Signing.SignatureHeader, WebhookSignature.Base64(fixture.Scenario.Secret, body));
        if (padding > 0)
        {
            request.Header("x-padding", new string('p', padding - request.HeadersSize - 16));
        }

        return request.Build(body);
    }

    private byte[] Chunked(byte[] body, int chunk)
    {
        var wire = new MemoryStream();
        for (var at = 0; at < body.Length; at += chunk)
        {
            var size = Math.Min(chunk, body.Length - at);
            wire.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            wire.Write(body.AsSpan(at, size));
            wire.Write("\r\n"u8);
        }

        wire.Write("0\r\n\r\n"u8);
        return new HttpRequestBytes("POST /webhooks/jericommerce HTTP/1.1")
            .Header("Host", "127.0.0.1")
            .Header("Connection", "close")
            .Header("Transfer-Encoding", "chunked")
            .Header(Signing.EventTypeHeader, "Customer created")
            .Header(Signing.SignatureHeader, WebhookSignature.Base64(fixture.Scenario.Secret, body))
            .Build(wire.ToArray());
    }

    private static byte[] Event(string id) =>
        Encoding.UTF8.GetBytes($$$"""{"id":"{{{id}}}","customerId":"c","createdAt":"2025-06-01T12:00:00Z","properties":{"email":"a@example.test"}}""");

    /// <summary>A JSON object of exactly <paramref name="length"/> bytes.</summary>
    private static byte[] Padded(int length, string id)
    {
        var head = Encoding.ASCII.GetBytes($$"""{"id":"{{id}}","customerId":"c","padding":""");
        var body = new byte[length];
        head.CopyTo(body, 0);
        body.AsSpan(head.Length, length - head.Length - 2).Fill((byte)'x');
        "\"}"u8.CopyTo(body.AsSpan(length - 2));
        return body;
    }
}
