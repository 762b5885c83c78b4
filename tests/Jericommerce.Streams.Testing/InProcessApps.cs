using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Jericommerce.Streams.Testing;

/// <summary>
/// A service's web application in the test process, on a free loopback port: started (and disposed again when it
/// cannot start), then stopped gracefully before it is disposed, as its host stops it at SIGTERM.
/// </summary>
public static class InProcessApps
{
    /// <summary>Builds the application on a free port of 127.0.0.1, maps it with <paramref name="map"/>, and starts it.</summary>
    public static async Task<WebApplication> StartOnLoopbackAsync(WebApplicationBuilder builder, Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(map);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public static async ValueTask StopAndDisposeAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
