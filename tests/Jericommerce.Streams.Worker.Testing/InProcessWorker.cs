using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Worker.Testing;

/// <summary>A worker host running in the test process, stopped gracefully.</summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessWorker(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    /// <summary>A client for the worker's own HTTP listener (/livez, /readyz, /metrics).</summary>
    public HttpClient CreateClient() => new() { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<InProcessWorker> StartAsync(IDictionary<string, string?> settings, ILoggerProvider? logs = null, LogLevel minimumLevel = LogLevel.Warning)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings);

        // A setting, not SetMinimumLevel: it has to win over an appsettings.json that a service's build put beside the
        // tests (the ingress's logs Information).
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = minimumLevel.ToString() });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddWorker();
        var app = builder.Build();
        app.MapWorker();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new InProcessWorker(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
