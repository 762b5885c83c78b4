using System.Reflection;
using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.SchemaRegistry;
using Jericommerce.Streams.Worker;

namespace Jericommerce.Streams.Deploy.Tests.Support;

/// <summary>
/// The environment variables each program reads: its options types, walked by reflection the way the configuration
/// binder binds them (section, then property names, case-insensitive; any key under a dictionary), plus the few
/// variables .NET, ASP.NET Core, logging and OpenTelemetry read themselves. A renamed option changes the answer.
/// </summary>
internal static class Settings
{
    private static readonly Dictionary<string, Type> Kafka = new(StringComparer.OrdinalIgnoreCase) { [KafkaOptions.SectionName] = typeof(KafkaOptions) };

    /// <summary>The sections each program binds, by the last part of its image name.</summary>
    private static readonly Dictionary<string, Dictionary<string, Type>> Programs = new(StringComparer.Ordinal)
    {
        ["ingress"] = new(Kafka, StringComparer.OrdinalIgnoreCase) { [IngressOptions.SectionName] = typeof(IngressOptions) },
        ["worker"] = new(Kafka, StringComparer.OrdinalIgnoreCase)
        {
            [WorkerOptions.SectionName] = typeof(WorkerOptions),
            [SchemaRegistryOptions.SectionName] = typeof(SchemaRegistryOptions),
        },
        // jcs reads Kafka__BootstrapServers and Kafka__Client__<property> (KafkaConnectionOptions) into KafkaOptions.
        ["jcs"] = Kafka,
    };

    /// <summary>Read by the host, ASP.NET Core or OpenTelemetry rather than by an options type.</summary>
    private static readonly string[] HostVariables =
    [
        "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
    ];

    public static IReadOnlyCollection<string> KnownPrograms => Programs.Keys;

    /// <summary>The program an image runs: <c>registry/jericommerce-streams/worker:1.0</c> → <c>worker</c>.</summary>
    public static string ProgramOf(string image)
    {
        var repository = image.Split('@')[0];
        var lastSlash = repository.LastIndexOf('/');
        var name = repository[(lastSlash + 1)..];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? name : name[..colon];
    }

    /// <summary>Null when <paramref name="program"/> binds <paramref name="variable"/>, else why not.</summary>
    public static string? WhyNotBound(string program, string variable)
    {
        if (!Programs.TryGetValue(program, out var sections))
        {
            return $"no options are known for the program '{program}'";
        }

        if (HostVariables.Contains(variable, StringComparer.Ordinal) || variable.StartsWith("DOTNET_", StringComparison.Ordinal))
        {
            return null;
        }

        var path = variable.Split("__");
        if (path[0].Equals("Logging", StringComparison.OrdinalIgnoreCase))
        {
            return IsLoggingKey(path) ? null : $"{variable} is not a logging setting (Logging__LogLevel__<category>, Logging__Console__...)";
        }

        if (!sections.TryGetValue(path[0], out var type))
        {
            return $"{variable}: {program} binds no section '{path[0]}' (it binds {string.Join(", ", sections.Keys.Order(StringComparer.Ordinal))})";
        }

        return WhyNotBound(type, path, 1, variable);
    }

    private static string? WhyNotBound(Type type, string[] path, int index, string variable)
    {
        if (index == path.Length)
        {
            return IsScalar(type) ? null : $"{variable} names {type.Name}, an object, not a value";
        }

        if (IsScalar(type))
        {
            return $"{variable}: {string.Join("__", path[..index])} is a value, it has no '{path[index]}'";
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            // Any key (Ingress__Secrets__<name>, Kafka__Client__<librdkafka property>).
            return path[index].Length == 0 ? $"{variable}: an empty key" : WhyNotBound(valueType, path, index + 1, variable);
        }

        var property = type.GetProperty(path[index], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || property.GetMethod is null || (property.SetMethod?.IsPublic != true && IsScalar(property.PropertyType)))
        {
            var known = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(StringComparer.Ordinal);
            return $"{variable}: {type.Name} has no setting '{path[index]}' (it has {string.Join(", ", known)})";
        }

        return WhyNotBound(property.PropertyType, path, index + 1, variable);
    }

    private static bool IsLoggingKey(string[] path) =>
        path.Length >= 2 && (path[1].Equals("LogLevel", StringComparison.OrdinalIgnoreCase) && path.Length == 3
            || path[1].Equals("Console", StringComparison.OrdinalIgnoreCase) && path.Length >= 3);

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(Uri)
            || t == typeof(DateTimeOffset) || t == typeof(DateTime);
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;
}
