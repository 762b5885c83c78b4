using System.Net;
using System.Text;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>Every authenticated request is stored, whatever its type or body: the worker judges it.</summary>
public sealed class ContentTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_AuthenticatedButOfAnUnknownOrMissingTypeOrNotJson_Answers202_AndStoresTheBodyUnchanged_KeyedOnlyByAStringCustomerId()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-content");
        using var client = app.CreateClient();
        (string Name, string? EventType, string Body, string? Key)[] cases =
        [
            ("unknown event type", "Wallet teleported", """{"id":"e1","customerId":"c1"}""", "c1"),
            ("missing event type", null, """{"id":"e2","customerId":"c2"}""", "c2"),
            ("non-JSON body", "Wallet click", "this is not JSON, <b>at all</b>", null),
            ("JSON without customerId", "Customer created", """{"id":"e4","properties":{"customerId":"nested-does-not-count"}}""", null),
            ("numeric customerId", "Customer created", """{"id":"e5","customerId":12345}""", null),
            ("JSON array", "Wallet click", """[{"customerId":"c6"}]""", null),
            ("truncated JSON", "Wallet click", """{"id":"e7","customerId":"c7","properties":{""", null),
            ("empty body", "Wallet click", "", null),
        ];

        foreach (var (name, eventType, text, _) in cases)
        {
            using var response = await client.SendAsync(Webhook.Signed(Encoding.UTF8.GetBytes(text), eventType: eventType), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{name}: {response.StatusCode}");
        }

        var records = await TopicReader.ReadAsync(broker.BootstrapServers, app.Topic, expected: cases.Length, cancellationToken: Cancel);
        Assert.Equal(cases.Length, records.Count);
        for (var i = 0; i < cases.Length; i++)
        {
            var (name, eventType, text, key) = cases[i];
            var message = records[i].Message;
            Assert.True(message.Value is not null && text == Encoding.UTF8.GetString(message.Value), $"{name}: value");
            Assert.True(key == (message.Key is null ? null : Webhook.Text(message.Key)), $"{name}: key {Webhook.Text(message.Key)}");
            Assert.True(eventType == message.Headers.GetText(RecordHeaders.EventTypeReceived), $"{name}: event type");
            Assert.True(eventType is not null || !message.Headers.TryGetLastBytes(RecordHeaders.EventTypeReceived, out _), $"{name}: header present");
        }
    }
}
