using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker;

/// <summary>The checks that span several settings, which attributes cannot express.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add("Worker:RetryMaxDelay must not be shorter than Worker:RetryBaseDelay.");
        }

        if (string.Equals(options.RawTopic, options.DeadLetterTopic, StringComparison.Ordinal))
        {
            failures.Add("Worker:DeadLetterTopic must differ from Worker:RawTopic.");
        }

        if (options.RawTopic.StartsWith(options.TopicPrefix + ".", StringComparison.Ordinal) && options.RawTopic.EndsWith(".v1", StringComparison.Ordinal))
        {
            failures.Add("Worker:RawTopic must not look like a typed topic.");
        }

        if (!string.IsNullOrWhiteSpace(options.SchemasPath) && !Directory.Exists(options.SchemasPath))
        {
            failures.Add($"Worker:SchemasPath '{options.SchemasPath}' is not a folder.");
        }

        if (options.NewTopicPartitions == 0 || options.NewTopicReplicationFactor == 0)
        {
            failures.Add("Worker:NewTopicPartitions and Worker:NewTopicReplicationFactor must be -1 (the broker's default) or positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
