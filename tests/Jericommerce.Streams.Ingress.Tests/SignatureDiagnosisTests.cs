using System.Net;
using System.Text;
using Jericommerce.Streams.Ingress.Tests.Unit;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>
/// A failed signature is diagnosed: one metric says which variant of the scheme the sender used, a line a
/// minute per variant says what to set, and the setting makes the same requests pass. Nothing of a secret, a
/// signature or a body appears in the logs or the metrics.
/// </summary>
public sealed class SignatureDiagnosisTests(BrokerFixture broker)
{
    private const string HexSecret = "5eb63bbbe01eeed093cb22bb8f5acdc3";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailedSignatures_AreCountedByTheVariantThatWouldHaveMatched_AndLoggedOncePerVariant_WithoutSecretSignatureOrBody()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-diagnosis", new Dictionary<string, string?> { ["Ingress:Secrets:0"] = HexSecret });
        using var client = app.CreateClient();
        var body = Webhook.Event(id: "evt-diagnosed");
        var withNewline = Encoding.UTF8.GetBytes(Webhook.Text(body) + "\n");
        var hexKey = Sign("hex-lower/hex/raw", body);
        var trimmed = Sign("base64/utf8/trimmed-newline", withNewline);
        var url = "-" + Sign("base64/utf8/raw", body)[1..];
        (byte[] Body, string Signature)[] requests =
        [
            (body, hexKey),
            (body, hexKey),
            (withNewline, trimmed),
            (body, WebhookSignature.Base64("a-wrong-secret", body)),
            (body, url),
        ];

        foreach (var (content, signature) in requests)
        {
            using var response = await client.SendAsync(Webhook.Post(content, signature), Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var scrape = await MetricsScrape.GetAsync(client, Cancel);
        Assert.Equal(2, scrape.Value("jcs_ingress_signature_diagnosis_total", ("variant", "hex-lower/hex/raw"), ("secret", "0")));
        Assert.Equal(1, scrape.Value("jcs_ingress_signature_diagnosis_total", ("variant", "base64/utf8/trimmed-newline"), ("secret", "0")));
        Assert.Equal(2, scrape.Value("jcs_ingress_signature_diagnosis_total", ("variant", "none")));
        Assert.Equal(5, scrape.Sum("jcs_ingress_signature_diagnosis_total"));

        var lines = app.Logs.Entries.Where(e => e.EventId.Id is 51 or 52).ToList();
        Assert.Equal(["base64/utf8/trimmed-newline", "hex-lower/hex/raw"], lines.Where(e => e.EventId.Id == 51).Select(e => e.Value("Variant")).Order());
        Assert.Single(lines, e => e.EventId.Id == 52);
        Assert.Contains("Ingress:SignatureVariants:0=hex-lower/hex/raw", lines.Single(e => e.Value("Variant") == "hex-lower/hex/raw").Message, StringComparison.Ordinal);

        var everything = app.Logs.AllText() + scrape.Text;
        foreach (var secretOrSignature in new[] { HexSecret, hexKey, trimmed, url, "ada.lovelace@example.test", "evt-diagnosed" })
        {
            Assert.DoesNotContain(secretOrSignature, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task OverTheDiagnosisBudget_FailedRequestsAreCountedAsSkipped_AndStillAnswered401()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-diagnosis-budget", new Dictionary<string, string?> { ["Ingress:SignatureDiagnosis:MaxPerMinute"] = "2" });
        using var client = app.CreateClient();
        var body = Webhook.Event();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(Webhook.Signed(body, "a-wrong-secret"), Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var scrape = await MetricsScrape.GetAsync(client, Cancel);
        Assert.Equal(2, scrape.Value("jcs_ingress_signature_diagnosis_total", ("variant", "none")));
        Assert.Equal(3, scrape.Value("jcs_ingress_signature_diagnosis_total", ("variant", "skipped")));
    }

    [Fact]
    public async Task WithTheDiagnosedVariantSetForTheSecret_TheSameRequestIsStored_AndItsRecordNamesTheVariant()
    {
        await using var app = await IngressApp.OnNewTopicAsync(broker, "ingress-variant", new Dictionary<string, string?>
        {
            ["Ingress:Secrets:0"] = HexSecret,
            ["Ingress:SignatureVariants:0"] = "hex-lower/hex/raw",
        });
        using var client = app.CreateClient();
        var body = Webhook.Event(id: "evt-variant");

        using (var response = await client.SendAsync(Webhook.Post(body, Sign("hex-lower/hex/raw", body)), Cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var record = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, app.Topic, expected: 1, cancellationToken: Cancel));
        Assert.Equal(body, record.Message.Value);
        Assert.Equal("hex-lower/hex/raw", record.Message.Headers.GetText(RecordHeaders.SignatureVariant));
        Assert.Equal("hex-lower", record.Message.Headers.GetText(RecordHeaders.SignatureEncoding));
        Assert.Equal("0", record.Message.Headers.GetText(RecordHeaders.SignatureKey));
    }

    [Theory]
    [InlineData("0", "hex/raw", "Ingress:SignatureVariants:0 'hex/raw' is not a signature variant")]
    [InlineData("missing", "hex-lower/hex/raw", "Ingress:SignatureVariants:missing names no configured secret")]
    [InlineData("0", "hex-lower/hex/raw", "Ingress:SignatureVariants:0 'hex-lower/hex/raw' uses the secret hex-decoded")]
    public async Task Start_WithAVariantThatCannotApply_FailsNamingTheKey(string secretName, string variant, string expected)
    {
        await using var app = new IngressApp(broker.BootstrapServers, "unused", new Dictionary<string, string?> { [$"Ingress:SignatureVariants:{secretName}"] = variant });

        var failure = app.StartupFailure();

        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(IngressApp.Secret, failure, StringComparison.Ordinal);
    }

    private static string Sign(string variant, byte[] body) =>
        SignatureVariant.TryParse(variant, out var parsed) ? SignatureDiagnoserTests.Sign(parsed.Value, HexSecret, body) : throw new ArgumentException(variant);
}
