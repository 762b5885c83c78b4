using System.ComponentModel.DataAnnotations;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>
/// How a service reaches the Confluent Schema Registry (section <c>SchemaRegistry</c>; env vars
/// <c>SchemaRegistry__Url</c>...). The worker reads it when <c>Worker:TypedFormat</c> is <c>json-sr</c>; the CLI
/// can bind the same section.
/// </summary>
public sealed class SchemaRegistryOptions
{
    public const string SectionName = "SchemaRegistry";

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:8081</c>; several instances comma-separated. No credentials in it.</summary>
    public string? Url { get; set; }

    /// <summary><c>user:password</c> for HTTP basic authentication; empty for none. Never logged nor put in a message.</summary>
    public string? BasicAuthUserInfo { get; set; }

    /// <summary>
    /// True: register each typed topic's schema under its subject (or get the id of the identical version already
    /// there). False: use the latest version already registered, and refuse to start when the subject is missing or
    /// the registry finds the local schema incompatible with it.
    /// </summary>
    public bool AutoRegister { get; set; } = true;

    /// <summary>How long one HTTP request to the registry may take (connecting included).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "SchemaRegistry:RequestTimeout must be between 100 ms and 5 minutes.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the worker keeps trying an unreachable registry at start-up. Past it the worker starts anyway and
    /// resolves each topic's schema id, with retries, before writing that topic's first record.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "SchemaRegistry:StartupTimeout must be between 0 and 10 minutes.")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The settings without the password, for logs.</summary>
    public override string ToString() =>
        $"Url={Url ?? "<none>"}, BasicAuth={(string.IsNullOrEmpty(BasicAuthUserInfo) ? "off" : "on")}, AutoRegister={AutoRegister}, RequestTimeout={RequestTimeout}, StartupTimeout={StartupTimeout}";
}
