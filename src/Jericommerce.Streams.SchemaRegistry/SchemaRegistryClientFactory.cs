using Confluent.SchemaRegistry;

namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>Builds Confluent's <see cref="CachedSchemaRegistryClient"/> from <see cref="SchemaRegistryOptions"/>.</summary>
public static class SchemaRegistryClientFactory
{
    /// <param name="options">Checked settings (see <see cref="SchemaRegistryOptionsCheck"/>) with a URL.</param>
    /// <param name="attemptsPerRequest">
    /// How often the client itself sends one request before giving up (it waits up to about a second, doubling,
    /// between attempts). The worker keeps 1: its own retry pipeline retries, and stacked retries would only add
    /// delay. A one-shot tool such as the CLI may want 3, the client's default.
    /// </param>
    public static ISchemaRegistryClient Create(SchemaRegistryOptions options, int attemptsPerRequest = 1)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Url);

        // The client reads this setting as a number of attempts, and fails with 0.
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsPerRequest, 1);
        var config = new SchemaRegistryConfig
        {
            Url = options.Url,
            RequestTimeoutMs = (int)options.RequestTimeout.TotalMilliseconds,
            MaxRetries = attemptsPerRequest,
        };
        if (!string.IsNullOrEmpty(options.BasicAuthUserInfo))
        {
            config.BasicAuthCredentialsSource = AuthCredentialsSource.UserInfo;
            config.BasicAuthUserInfo = options.BasicAuthUserInfo;
        }

        return new CachedSchemaRegistryClient(config);
    }
}
