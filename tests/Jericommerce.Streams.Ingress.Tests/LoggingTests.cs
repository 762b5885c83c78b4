using System.Net;
using System.Text;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>Logs identify requests (request id, event id, type) and never carry a body or a secret.</summary>
public sealed class LoggingTests(BrokerFixture broker)
{
    private const string FileSecret = "f1le-s3cret-from-the-mount";
    private const string Email = "grace.hopper@example.test";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logs_CarryRequestIdEventIdAndType_ButNeverASecretNorTheBody()
    {
        var topic = await broker.CreateTopicAsync("ingress-logs");
        var file = Path.Combine(Path.GetTempPath(), BrokerFixture.UniqueName("secrets"));
        await File.WriteAllTextAsync(file, $"mounted={FileSecret}\n", Cancel);
        try
        {
            await using var app = new IngressApp(broker.BootstrapServers, topic, new Dictionary<string, string?> { ["Ingress:SecretsFile"] = file });
            using var client = app.CreateClient();
            var body = Webhook.Event(id: "evt-logged", email: Email);

            using var accepted = await client.SendAsync(Webhook.Signed(body, eventType: "Customer created"), Cancel);
            using var acceptedByFile = await client.SendAsync(Webhook.Signed(body, FileSecret, eventType: "Customer created"), Cancel);
            using var mismatch = await client.SendAsync(Webhook.Signed(body, "a-wrong-secret"), Cancel);
            using var malformed = await client.SendAsync(Webhook.Post(body, "sha256=" + Convert.ToBase64String(body)), Cancel);
            using var tooLarge = await client.SendAsync(Webhook.Signed(Encoding.UTF8.GetBytes(new string(' ', 300_000) + Email)), Cancel);

            Assert.Equal(
                [HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.RequestEntityTooLarge],
                new[] { accepted, acceptedByFile, mismatch, malformed, tooLarge }.Select(r => r.StatusCode));
            var stored = Assert.Single(app.Logs.Entries, e => e.EventId.Id == 10 && e.Value("RequestId") == accepted.Headers.GetValues("x-request-id").Single());
            Assert.Equal("evt-logged", stored.Value("EventId"));
            Assert.Equal("Customer created", stored.Value("EventType"));
            Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 10 && e.Value("SecretName") == "mounted");
            Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 11 && e.Value("RequestId") == mismatch.Headers.GetValues("x-request-id").Single());

            var everything = app.Logs.AllText();
            Assert.DoesNotContain(IngressApp.Secret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(FileSecret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(Email, everything, StringComparison.Ordinal);
            Assert.DoesNotContain("camp-7", everything, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
