using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jericommerce.Streams.Observability.Hosting;

/// <summary>The host's shutdown timeout, from a setting of the service's own section (<c>Worker:ShutdownTimeout</c>...).</summary>
public static class HostShutdown
{
    /// <summary>
    /// Sets <see cref="HostOptions.ShutdownTimeout"/> from <paramref name="timeout"/> of <typeparamref name="TOptions"/> as
    /// bound from <paramref name="section"/> (its default when unset). Bound, not taken from the checked options: the
    /// host reads its own options before the service's settings are checked, and a bad one is reported by that check.
    /// </summary>
    public static IServiceCollection AddShutdownTimeout<TOptions>(this IServiceCollection services, string section, Func<TOptions, TimeSpan> timeout)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(timeout);
        services.AddOptions<HostOptions>().Configure<IConfiguration>((host, configuration) =>
            host.ShutdownTimeout = timeout(configuration.GetSection(section).Get<TOptions>() ?? new TOptions()));
        return services;
    }
}
