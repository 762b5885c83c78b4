using System.Diagnostics;
using System.Net;
using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Observability.Hosting;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Ingress.Tests;

/// <summary>Start-up refuses what cannot work, saying which setting to fix; the dev stack runs without a secret.</summary>
public sealed class StartupTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_OutsideTheDevStackWithoutASecret_FailsWithAMessageNamingTheSettings()
    {
        await using var app = new IngressApp(broker.BootstrapServers, "unused", new Dictionary<string, string?> { ["Ingress:Secrets:0"] = null });

        var message = app.StartupFailure();

        Assert.Contains("No webhook secret is configured", message, StringComparison.Ordinal);
        Assert.Contains("Ingress:Secrets:0", message, StringComparison.Ordinal);
        Assert.Contains("Ingress__Secrets__0", message, StringComparison.Ordinal);
        Assert.Contains("Ingress:SecretsFile", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServiceBinary_InProductionWithoutASecret_ExitsWithCode3_SayingWhichSettingToSetInOneLine()
    {
        var start = ChildProcesses.Dotnet("jcs-ingress.dll");
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Ingress", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Kafka__BootstrapServers"] = broker.BootstrapServers;
        var run = await ChildProcesses.RunAsync(start, TimeSpan.FromSeconds(30), cancellationToken: Cancel);
        var text = run.Text;

        Assert.Equal(ServiceRunner.CannotStartExitCode, run.ExitCode);
        Assert.True(text.Contains($"jcs-ingress cannot start: {IngressOptionsValidator.NoSecretMessage}", StringComparison.Ordinal), text);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> InvalidSettings => new()
    {
        { "Ingress:MaxBodyBytes", "0", "Ingress:MaxBodyBytes" },
        { "Ingress:AckTimeout", "00:00:00", "Ingress:AckTimeout" },
        { "Ingress:RawTopic", "not a topic!", "Ingress:RawTopic" },
        { "Ingress:MaxQueuedMessages", "0", "Ingress:MaxQueuedMessages" },
        { "Ingress:Secrets:1", "   ", "Ingress:Secrets:1 is empty" },
        { "Ingress:SecretsFile", "/nonexistent/jcs/secrets", "Ingress:SecretsFile" },
        { "Ingress:Limits:MinRequestBodyDataRateGracePeriod", "00:00:00.5", "Ingress:Limits:MinRequestBodyDataRateGracePeriod" },
        { "Kafka:Client:acks", "1", "Kafka:Client:acks" },
        { "Kafka:Client:enable.idempotence", "false", "Kafka:Client:enable.idempotence" },
        { "Kafka:BootstrapServers", "", "Kafka:BootstrapServers" },
        { "Ingress:MaxBodyBytes", "990000", "Kafka:Client:message.max.bytes" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task Start_WithAnInvalidSetting_FailsWithAMessageNamingIt(string key, string value, string expected)
    {
        await using var app = new IngressApp(broker.BootstrapServers, "unused", new Dictionary<string, string?> { [key] = value });

        var message = app.StartupFailure();

        Assert.True(message.Contains(expected, StringComparison.Ordinal), message);
        Assert.DoesNotContain(IngressApp.Secret, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", null)]
    [InlineData("Production", "true")]
    public async Task Start_OnTheDevStackWithoutASecret_AcceptsTheDevSecret_AndWarnsWithoutLoggingIt(string environment, string? devMode)
    {
        var topic = await broker.CreateTopicAsync("ingress-devstack");
        await using var app = new IngressApp(
            broker.BootstrapServers,
            topic,
            new Dictionary<string, string?> { ["Ingress:Secrets:0"] = null, ["Ingress:DevMode"] = devMode },
            environment);
        using var client = app.CreateClient();
        var body = Webhook.Event();

        using var response = await client.SendAsync(Webhook.Signed(body, "dev-secret"), Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = Assert.Single(await TopicReader.ReadAsync(broker.BootstrapServers, topic, expected: 1, cancellationToken: Cancel));
        Assert.Equal("dev", record.Message.Headers.GetText(RecordHeaders.SignatureKey));
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 2);
        Assert.DoesNotContain("dev-secret", app.Logs.AllText(), StringComparison.Ordinal);
    }
}
