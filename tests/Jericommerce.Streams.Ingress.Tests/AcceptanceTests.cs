using System.Globalization;
using System.Net;
using System.Text.Json;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>Signed requests: answered 202 after the ack, stored byte for byte with key and headers.</summary>
public sealed class AcceptanceTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_SignedInBase64_Answers202AfterTheAck_AndStoresTheExactBytesKeyAndHeaders()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-accept");
        using var client = app.CreateClient();
        var body = Webhook.Event(customerId: "cust-42", id: "evt-1");
        using var request = Webhook.Post(body, WebhookSignature.Base64(IngressApp.Secret, body), eventType: "Wallet click");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        request.Headers.Add("tracestate", "congo=t61rcWkgMzE");

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var requestId = Assert.Single(response.Headers.GetValues("x-request-id"));
        using var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(requestId, receipt.RootElement.GetProperty("requestId").GetString());
        Assert.Equal(app.Topic, receipt.RootElement.GetProperty("topic").GetString());

        var record = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, app.Topic, expected: 1, cancellationToken: Cancel));
        Assert.Equal(receipt.RootElement.GetProperty("partition").GetInt32(), record.Partition.Value);
        Assert.Equal(receipt.RootElement.GetProperty("offset").GetInt64(), record.Offset.Value);
        Assert.Equal(body, record.Message.Value);
        Assert.Equal("cust-42", Webhook.Text(record.Message.Key));
        var headers = record.Message.Headers;
        Assert.Equal("Wallet click", headers.GetText(RecordHeaders.EventTypeReceived));
        Assert.Equal("evt-1", headers.GetText(RecordHeaders.EventId));
        Assert.Equal(FixedTimeProvider.Instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), headers.GetText(RecordHeaders.ReceivedAt));
        Assert.Equal(requestId, headers.GetText(RecordHeaders.RequestId));
        Assert.Equal("base64", headers.GetText(RecordHeaders.SignatureEncoding));
        Assert.Equal("0", headers.GetText(RecordHeaders.SignatureKey));
        // The trace goes on: same trace id, the ingress's own span as the parent (TracingTests has more).
        Assert.Matches("^00-0af7651916cd43dd8448eb211c80319c-(?!b7ad6b7169203331)[0-9a-f]{16}-01$", headers.GetText(RecordHeaders.TraceParent));
        Assert.Equal("congo=t61rcWkgMzE", headers.GetText(RecordHeaders.TraceState));
        Assert.Equal(
            [RecordHeaders.EventTypeReceived, RecordHeaders.EventId, RecordHeaders.ReceivedAt, RecordHeaders.RequestId, RecordHeaders.SignatureEncoding, RecordHeaders.SignatureKey, RecordHeaders.TraceParent, RecordHeaders.TraceState],
            headers.Select(h => h.Key));
    }

    [Fact]
    public async Task Post_SignedInHexEitherCase_OrWithASha256Prefix_OrUnpaddedBase64_IsAccepted_AndRecordsTheEncoding()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-encodings");
        using var client = app.CreateClient();
        (string Name, Func<byte[], string> Sign, string Recorded)[] cases =
        [
            ("hex lowercase", b => WebhookSignature.Hex(IngressApp.Secret, b), "hex"),
            ("hex uppercase", b => WebhookSignature.Hex(IngressApp.Secret, b).ToUpperInvariant(), "hex"),
            ("sha256= base64", b => "sha256=" + WebhookSignature.Base64(IngressApp.Secret, b), "base64"),
            ("SHA256= hex", b => "SHA256=" + WebhookSignature.Hex(IngressApp.Secret, b), "hex"),
            ("base64 without padding", b => WebhookSignature.Base64(IngressApp.Secret, b).TrimEnd('='), "base64"),
        ];

        var bodies = new List<byte[]>();
        foreach (var (name, sign, _) in cases)
        {
            var body = Webhook.Event(id: name);
            bodies.Add(body);
            using var response = await client.SendAsync(Webhook.Post(body, sign(body)), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{name}: {response.StatusCode}");
        }

        var records = await TopicReader.ReadAsync(broker.BootstrapServers, app.Topic, expected: cases.Length, cancellationToken: Cancel);
        Assert.Equal(bodies, records.Select(r => r.Message.Value));
        Assert.Equal(cases.Select(c => c.Recorded), records.Select(r => r.Message.Headers.GetText(RecordHeaders.SignatureEncoding)));
    }

    [Fact]
    public async Task Post_WithASaneRequestId_EchoesAndStoresIt_AndReplacesAnInsaneOne()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-request-id");
        using var client = app.CreateClient();

        using var sane = Webhook.Signed(Webhook.Event(id: "evt-sane"));
        sane.Headers.Add("x-request-id", "jc-req_0001.retry-2");
        using var saneResponse = await client.SendAsync(sane, Cancel);
        using var insane = Webhook.Signed(Webhook.Event(id: "evt-insane"));
        insane.Headers.Add("x-request-id", new string('x', 129));
        using var insaneResponse = await client.SendAsync(insane, Cancel);

        Assert.Equal("jc-req_0001.retry-2", Assert.Single(saneResponse.Headers.GetValues("x-request-id")));
        var generated = Assert.Single(insaneResponse.Headers.GetValues("x-request-id"));
        Assert.Matches("^[0-9a-f]{32}$", generated);
        var records = await TopicReader.ReadAsync(broker.BootstrapServers, app.Topic, expected: 2, cancellationToken: Cancel);
        Assert.Equal(["jc-req_0001.retry-2", generated], records.Select(r => r.Message.Headers.GetText(RecordHeaders.RequestId)));
    }
}
