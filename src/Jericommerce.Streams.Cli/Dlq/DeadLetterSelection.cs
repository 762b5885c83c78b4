using System.CommandLine;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Dlq;

/// <summary>The options that select dead letters, shared by <c>dlq list</c> and <c>dlq replay</c>.</summary>
internal sealed class DeadLetterSelection
{
    public Option<string[]> Kind { get; } = new("--kind", "-k")
    {
        Description = "error kind (repeatable): missing-event-type, unknown-event-type, invalid-json, schema-violation, typed-topic-missing, output-rejected",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string[]> Type { get; } = new("--type", "-t")
    {
        Description = "event type as received (repeatable; case, spaces, _ and - ignored); '' selects events that had none",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Since { get; } = new("--since") { Description = "dead-lettered at or after: a date-time (2025-06-01T12:00Z) or a duration ago (30m, 2h, 7d)" };

    public Option<string?> Until { get; } = new("--until") { Description = "dead-lettered before: a date-time or a duration ago" };

    public Option<int?> Partition { get; } = new("--partition", "-p") { Description = "only this partition of the dead-letter topic" };

    public Option<long?> FromOffset { get; } = new("--from-offset") { Description = "first offset (inclusive), in every selected partition" };

    public Option<long?> ToOffset { get; } = new("--to-offset") { Description = "last offset (inclusive), in every selected partition" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Kind);
        command.Add(Type);
        command.Add(Since);
        command.Add(Until);
        command.Add(Partition);
        command.Add(FromOffset);
        command.Add(ToOffset);
    }

    public DeadLetterFilter Resolve(ParseResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        var filter = new DeadLetterFilter
        {
            Kinds = (result.GetValue(Kind) ?? []).Select(k => k.Trim()).ToHashSet(StringComparer.Ordinal),
            Types = (result.GetValue(Type) ?? []).Select(HeaderNameNormalizer.Normalize).ToHashSet(StringComparer.Ordinal),
            Since = result.GetValue(Since) is { } since ? Durations.ParsePointInTime(since, "--since", now) : null,
            Until = result.GetValue(Until) is { } until ? Durations.ParsePointInTime(until, "--until", now) : null,
            Partition = result.GetValue(Partition),
            FromOffset = result.GetValue(FromOffset),
            ToOffset = result.GetValue(ToOffset),
        };
        if (filter is { FromOffset: { } from, ToOffset: { } to } && from > to)
        {
            throw CliException.Usage("--from-offset is after --to-offset");
        }

        return filter;
    }

    /// <summary>Where to start and stop reading each partition: the offset options narrow the read, not just the output.</summary>
    public static IReadOnlyList<(PartitionRange Range, long Start)> Plan(IReadOnlyList<PartitionRange> ranges, DeadLetterFilter filter)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(filter);
        return
        [
            .. ranges.Select(r =>
            {
                var end = filter.ToOffset is { } to ? Math.Min(r.End, to + 1) : r.End;
                var start = filter.FromOffset is { } from ? Math.Max(r.Start, from) : r.Start;
                return (r with { End = Math.Max(start, end) }, start);
            }),
        ];
    }
}
