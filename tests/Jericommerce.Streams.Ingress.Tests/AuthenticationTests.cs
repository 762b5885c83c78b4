using System.Net;
using System.Text.Json;
using System.Text;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>Unauthenticated requests are refused with 401 and never reach Kafka; rotation works.</summary>
public sealed class AuthenticationTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_WithoutAValidSignature_Answers401WithTheReason_NeverTheExpectedSignature_AndProducesNothing()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-401");
        using var client = app.CreateClient();
        var body = Webhook.Event();
        var valid = WebhookSignature.Base64(IngressApp.Secret, body);
        var validHex = WebhookSignature.Hex(IngressApp.Secret, body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("cust-42", "cust-43", StringComparison.Ordinal));
        (string Name, HttpRequestMessage Request, string Reason)[] cases =
        [
            ("wrong secret", Webhook.Post(body, WebhookSignature.Base64("another-secret", body)), "signature-mismatch"),
            ("tampered body", Webhook.Post(tampered, valid), "signature-mismatch"),
            ("missing header", Webhook.Post(body, null), "missing-signature"),
            ("empty header", Webhook.Post(body, ""), "missing-signature"),
            ("not a signature", Webhook.Post(body, "definitely not a signature"), "malformed-signature"),
            ("hex one character short", Webhook.Post(body, validHex[..63]), "malformed-signature"),
            ("base64url character", Webhook.Post(body, "-" + valid[1..]), "malformed-signature"),
        ];

        foreach (var (name, request, reason) in cases)
        {
            using (request)
            using (var response = await client.SendAsync(request, Cancel))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotEmpty(response.Headers.WwwAuthenticate);
                var text = await response.Content.ReadAsStringAsync(Cancel);
                using var problem = JsonDocument.Parse(text);
                Assert.Equal($"urn:jericommerce-streams:problem:{reason}", problem.RootElement.GetProperty("type").GetString());
                Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
                Assert.DoesNotContain(valid.TrimEnd('='), text, StringComparison.Ordinal);
                Assert.DoesNotContain(validHex, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        await Sentinel.AssertOnlySentinelLandsAsync(app, client, broker.BootstrapServers, app.Topic, Cancel);
    }

    [Fact]
    public async Task Post_WithEitherOfTwoConfiguredSecrets_IsAccepted_AndTheRecordNamesTheSecretThatMatched()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-rotation", new Dictionary<string, string?>
        {
            ["Ingress:Secrets:0"] = "old-secret-aaaa",
            ["Ingress:Secrets:1"] = "new-secret-bbbb",
        });
        using var client = app.CreateClient();
        var first = Webhook.Event(id: "evt-old");
        var second = Webhook.Event(id: "evt-new");

        using (var response = await client.SendAsync(Webhook.Signed(first, "old-secret-aaaa"), Cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        using (var response = await client.SendAsync(Webhook.Post(second, WebhookSignature.Hex("new-secret-bbbb", second)), Cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var records = await TopicReader.ReadAsync(broker.BootstrapServers, app.Topic, expected: 2, cancellationToken: Cancel);
        Assert.Equal([first, second], records.Select(r => r.Message.Value));
        Assert.Equal(["0", "1"], records.Select(r => r.Message.Headers.GetText(RecordHeaders.SignatureKey)));
        Assert.Equal(["base64", "hex"], records.Select(r => r.Message.Headers.GetText(RecordHeaders.SignatureEncoding)));
    }

    [Fact]
    public async Task Post_SignedWithASecretFromTheSecretsFile_IsAccepted_AndRecordsItsNameFromTheFile()
    {
        var topic = await broker.CreateTopicAsync("ingress-secrets-file");
        var file = Path.Combine(Path.GetTempPath(), BrokerFixture.UniqueName("secrets"));
        await File.WriteAllLinesAsync(file, ["# rotated 2025-06-01", "", "primary=file-secret-one", "bare-file-secret-two=="], Cancel);
        try
        {
            await using var app = new IngressApp(broker.BootstrapServers, topic, new Dictionary<string, string?>
            {
                ["Ingress:Secrets:0"] = null,
                ["Ingress:SecretsFile"] = file,
            });
            using var client = app.CreateClient();
            var first = Webhook.Event(id: "evt-primary");
            var second = Webhook.Event(id: "evt-bare");

            using (var response = await client.SendAsync(Webhook.Signed(first, "file-secret-one"), Cancel))
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            using (var response = await client.SendAsync(Webhook.Signed(second, "bare-file-secret-two=="), Cancel))
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            var records = await TopicReader.ReadAsync(broker.BootstrapServers, topic, expected: 2, cancellationToken: Cancel);
            Assert.Equal(["primary", "file:4"], records.Select(r => r.Message.Headers.GetText(RecordHeaders.SignatureKey)));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
