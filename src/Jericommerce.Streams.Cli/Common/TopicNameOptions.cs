using System.CommandLine;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Common;

/// <summary>
/// The topic names, with the services' defaults (<c>Ingress:RawTopic</c>, <c>Worker:TopicPrefix</c>,
/// <c>Worker:DeadLetterTopic</c>): a command only needs them when the deployment renamed its topics.
/// </summary>
internal sealed class TopicNameOptions
{
    public Option<string> RawTopic { get; } = new("--raw-topic")
    {
        Description = "raw topic (the ingress writes it, the worker reads it)",
        DefaultValueFactory = _ => TopicDefaults.Raw,
    };

    public Option<string> TopicPrefix { get; } = new("--topic-prefix")
    {
        Description = "prefix of the typed topics: <prefix>.<type>.v<n>",
        DefaultValueFactory = _ => SchemaCatalog.DefaultTopicPrefix,
    };

    public Option<string> DeadLetterTopic { get; } = new("--dlq-topic")
    {
        Description = "dead-letter topic",
        DefaultValueFactory = _ => TopicDefaults.DeadLetter,
    };

    public void AddTo(Command command, bool raw = true, bool typed = true, bool deadLetter = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (raw)
        {
            command.Add(RawTopic);
        }

        if (typed)
        {
            command.Add(TopicPrefix);
        }

        if (deadLetter)
        {
            command.Add(DeadLetterTopic);
        }
    }

    public string Raw(ParseResult result) => Required(result, RawTopic);

    public string Prefix(ParseResult result) => Required(result, TopicPrefix);

    public string DeadLetter(ParseResult result) => Required(result, DeadLetterTopic);

    private static string Required(ParseResult result, Option<string> option)
    {
        var value = result.GetValue(option);
        return string.IsNullOrWhiteSpace(value) ? throw CliException.Usage($"{option.Name} must not be empty") : value.Trim();
    }
}
