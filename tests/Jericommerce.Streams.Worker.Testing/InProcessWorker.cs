using Jericommerce.Streams.Testing;
using Microsoft.AspNetCore.Builder;
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
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddWorker();
        return new InProcessWorker(await InProcessApps.StartOnLoopbackAsync(builder, worker => worker.MapWorker()));
    }

    public ValueTask DisposeAsync() => InProcessApps.StopAndDisposeAsync(_app);
}
