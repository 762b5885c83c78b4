using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Ingress.Tests.Support;

/// <summary>
/// The real ingress (its Program, its whole HTTP pipeline) in memory, writing to the broker under
/// test, with a fixed clock and every log entry captured. Settings are configuration keys, as
/// an operator would set them; a null value leaves a default key out.
/// </summary>
internal sealed class IngressApp : WebApplicationFactory<Program>
{
    /// <summary>The secret configured by default, distinctive enough to search the logs for.</summary>
    public const string Secret = "t3st-s3cret-7f9a2c1e";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;

    public IngressApp(string bootstrapServers, string topic, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Production")
    {
        Topic = topic;
        _environment = environment;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Ingress:RawTopic"] = topic,
            ["Ingress:Secrets:0"] = Secret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The raw topic it writes to.</summary>
    public string Topic { get; }

    public LogCapture Logs { get; } = new();

    public FixedTimeProvider Time { get; } = new();

    /// <summary>The ingress writing to a raw topic of its own on the shared broker (<see cref="BrokerFixture.CreateTopicAsync"/>).</summary>
    public static async Task<IngressApp> OnNewTopicAsync(BrokerFixture broker, string purpose, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        return new IngressApp(broker.BootstrapServers, await broker.CreateTopicAsync(purpose), settings);
    }

    /// <summary>
    /// Starts the app, expecting it to fail; returns every message of the exception chain and of the errors logged.
    /// The test host sometimes reports only that the failed app's services are disposed (WebApplicationFactory reads
    /// them after the failed host let them go); the app's own error is then in its log.
    /// </summary>
    public string StartupFailure()
    {
        var error = Assert.ThrowsAny<Exception>(() => CreateClient());
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(i => i.Message));
            }
        }

        messages.AddRange(Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Message} {e.Exception}"));
        return string.Join(" | ", messages);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            if (value is not null)
            {
                builder.UseSetting(key, value);
            }
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Logs);
            logging.AddFilter<LogCapture>(null, LogLevel.Trace);
        });
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}
