using Jericommerce.Streams.Ingress;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Jericommerce.Streams.Cli.Tests.Support;

/// <summary>The ingress on a real Kestrel port in the test process, so that jcs reaches it over TCP as it would a deployed one.</summary>
internal sealed class InProcessIngress : IAsyncDisposable
{
    public const string Secret = "cli-t3st-secret";

    private readonly WebApplication _app;

    private InProcessIngress(WebApplication app, Uri webhookUrl)
    {
        _app = app;
        WebhookUrl = webhookUrl;
    }

    public Uri WebhookUrl { get; }

    public static async Task<InProcessIngress> StartAsync(string bootstrapServers, string rawTopic, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Ingress:RawTopic"] = rawTopic,
            ["Ingress:Secrets:0"] = Secret,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        // Over the appsettings.json the ingress's build puts beside the tests: only what went wrong.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        builder.AddIngress();
        var app = await InProcessApps.StartOnLoopbackAsync(builder, ingress => ingress.MapIngress());
        return new InProcessIngress(app, new Uri(new Uri(app.Urls.First()), "/webhooks/jericommerce"));
    }

    public ValueTask DisposeAsync() => InProcessApps.StopAndDisposeAsync(_app);
}
