using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Observability.Hosting;

/// <summary>
/// How both services take a section of settings: bound from configuration, checked at start-up (a bad value stops the
/// service with a message naming the key) by a source-generated validator of the attributes (<c>[OptionsValidator]</c>)
/// and, where a rule spans keys, by an <see cref="IValidateOptions{TOptions}"/> of its own.
/// </summary>
public static class ValidatedSettings
{
    /// <summary>Binds <typeparamref name="TOptions"/> from <paramref name="section"/>, checked at start-up by <typeparamref name="TValidator"/>.</summary>
    public static OptionsBuilder<TOptions> AddValidatedSettings<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>Adds a check of <typeparamref name="TOptions"/> that spans keys.</summary>
    public static OptionsBuilder<TOptions> AlsoValidatedBy<TOptions, TValidator>(this OptionsBuilder<TOptions> builder)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return builder;
    }
}
