using System.Globalization;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Kafka.Topology;

/// <summary>
/// Checks <c>Kafka:Topology</c> at start-up, naming the key: the single settings by their attributes
/// (<see cref="TopologyOptionsAnnotations"/>), and here what spans keys. <c>jcs topics create</c> runs both.
/// </summary>
public sealed class TopologyOptionsValidator : IValidateOptions<TopologyOptions>
{
    private const string Section = TopologyOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TopologyOptions options)
    {
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IReadOnlyList<string> Failures(TopologyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(new TopologyOptionsAnnotations().Validate(null, options).Failures ?? []);
        if (options.ReplicationFactor == 0)
        {
            failures.Add($"{Section}:ReplicationFactor must be -1 (the broker's default) or between 1 and 32.");
        }

        Check(options, options.Configs, "Configs", failures);
        Check(options, options.DeadLetterConfigs, "DeadLetterConfigs", failures);
        return failures;
    }

    private static void Check(TopologyOptions options, Dictionary<string, string> configs, string section, List<string> failures)
    {
        foreach (var (key, value) in configs)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (key == TopicConfigs.RetentionMs && !(long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= -1))
            {
                failures.Add($"{Section}:{section}:{key} must be milliseconds, or -1 to keep records forever (got '{value}').");
            }

            if (key == TopicConfigs.MinInSyncReplicas)
            {
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var replicas) || replicas < 1)
                {
                    failures.Add($"{Section}:{section}:{key} must be a positive number (got '{value}').");
                }
                else if (options.ReplicationFactor > 0 && replicas > options.ReplicationFactor)
                {
                    failures.Add($"{Section}:{section}:{key} ({replicas}) must not exceed {Section}:ReplicationFactor ({options.ReplicationFactor}): every acks=all write would be refused.");
                }
            }
        }
    }
}
