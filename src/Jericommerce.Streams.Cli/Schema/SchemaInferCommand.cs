using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Cli.Schema.Inference;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Schema;

/// <summary>
/// <c>jcs schema infer &lt;topic&gt;</c>: drafts the schema of a type nobody modelled yet from its captured events (its
/// envelope-routed topic, or its dead letters with <c>--type</c>), writes it beside nothing it would overwrite, and
/// prints the catalog entry to add: the first step of adopting a type (infer, review, check, commit).
/// </summary>
internal static class SchemaInferCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var topic = new Argument<string>("topic") { Description = "where the type's events are: its typed topic (jericommerce.reward-redeemed.v1), or with --type any topic, e.g. the DLQ" };
        var type = new Option<string?>("--type", "-t") { Description = "only events of this type, as received (matched like the worker matches names); required unless the topic is <prefix>.<slug>.v<n>" };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "folder to write <slug>.v<n>.schema.json in (default: the current one); an existing file is never overwritten" };
        var max = new Option<int>("--max", "-m") { Description = "most samples to read, from the oldest", DefaultValueFactory = _ => 100_000 };
        var kafka = new KafkaConnectionOptions();
        var schemas = new SchemaOptions();
        var command = new Command("infer", "Drafts a schema for an event type from its captured events, and prints the catalog entry to add.") { topic, type, output, max };
        schemas.AddTo(command);
        kafka.AddTo(command);

        command.SetAction(async (terminal, result, cancellationToken) =>
        {
            var name = result.GetValue(topic)!;
            var limit = result.GetValue(max);
            if (limit < 1)
            {
                throw CliException.Usage("--max must be at least 1");
            }

            var source = InferSource.For(name, result.GetValue(type));
            var directory = schemas.Resolve(result);
            var catalog = schemas.Load(result, SchemaCatalog.DefaultTopicPrefix);
            var envelope = catalog.Envelope ?? throw new CliException($"{Path.Combine(directory, SchemaDirectory.CatalogFileName)} declares no envelope schema for a draft to reference");
            var path = Path.Combine(result.GetValue(output)?.FullName ?? Environment.CurrentDirectory, source.SchemaFileName);
            if (File.Exists(path))
            {
                throw new CliException($"{path} exists: jcs schema infer never overwrites a file; move it away or pass --output <folder>");
            }

            var (events, used, skipped, headerNames) = await SampleAsync(kafka, result, name, source, limit, cancellationToken);
            if (used == 0)
            {
                throw new CliException($"{name} holds no {(source.Type is null ? "events" : $"events of type '{source.Type}'")}{(skipped > 0 ? $" that are JSON objects ({skipped} are not)" : string.Empty)}: nothing to infer a schema from");
            }

            var title = headerNames.Count > 0 ? headerNames.MaxBy(h => h.Value).Key : source.Type ?? Humanize(source.Slug);
            var draft = SchemaDraft.Create(events, EnvelopeFields.Load(directory, envelope.SchemaFile), new DraftIdentity(
                new Uri($"https://schemas.jericommerce-streams.dev/{source.SchemaFileName}"),
                title,
                string.Create(CultureInfo.InvariantCulture, $"DRAFT inferred by jcs schema infer from {used} events of {name}: review it before adopting it. Say here what the source documents and why each field is or is not required.")));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                await JsonSerializer.SerializeAsync(file, draft.Schema, Indented, cancellationToken);
                await file.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }

            Report(terminal, source, name, path, used, skipped, draft, headerNames.Count > 0 ? [.. headerNames.Keys] : [title], catalog);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<(ObservedShape Events, int Used, int Skipped, Dictionary<string, int> HeaderNames)> SampleAsync(
        KafkaConnectionOptions kafka, ParseResult result, string topic, InferSource source, int limit, CancellationToken cancellationToken)
    {
        var events = new ObservedShape();
        var headerNames = new Dictionary<string, int>(StringComparer.Ordinal);
        int used = 0, skipped = 0;
        using var scanner = new TopicScanner(kafka.Resolve(result));
        var ranges = scanner.Ranges([topic]);
        await scanner.ScanAsync(
            [.. ranges.Select(r => (r, r.Start))],
            follow: false,
            record =>
            {
                if (source.Sample(record) is not { } sample)
                {
                    return true;
                }

                try
                {
                    using var document = JsonDocument.Parse(sample);
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        skipped++;
                        return true;
                    }

                    events.Add(document.RootElement);
                }
                catch (JsonException)
                {
                    skipped++;
                    return true;
                }

                if (record.Message.Headers.GetText(RecordHeaders.EventTypeReceived) is { Length: > 0 } received)
                {
                    headerNames[received] = headerNames.GetValueOrDefault(received) + 1;
                }

                return ++used < limit;
            },
            cancellationToken);
        return (events, used, skipped, headerNames);
    }

    private static void Report(Terminal terminal, InferSource source, string topic, string path, int used, int skipped, SchemaDraft draft, string[] headerNames, SchemaCatalog catalog)
    {
        terminal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{source.SchemaFileName}: drafted from {used} events of {topic}{(skipped > 0 ? $" (skipped, not JSON objects: {skipped})" : string.Empty)}"));
        terminal.WriteLine($"wrote {path}");
        terminal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rare fields (in fewer than {SchemaDraft.RareShare:P0} of the objects that could hold them): {(draft.Rare.Count == 0 ? "none" : draft.Rare.Count.ToString(CultureInfo.InvariantCulture))}"));
        foreach (var rare in draft.Rare)
        {
            terminal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rare.Path}: {rare.Seen} of {rare.Of}"));
        }

        if (catalog.EventTypes.Any(t => t.Slug == source.Slug))
        {
            terminal.WriteLine($"{source.Slug} is in the catalog already: compare the draft with its schema instead of adding an entry");
        }
        else
        {
            var entry = new JsonObject
            {
                ["slug"] = source.Slug,
                ["headerNames"] = new JsonArray([.. headerNames.Select(h => (JsonNode)h)]),
                ["schema"] = source.SchemaFileName,
                ["schemaVersion"] = source.Version,
                ["topicSuffix"] = source.TopicSuffix,
            };
            terminal.WriteLine($"catalog entry to add to \"eventTypes\" in {SchemaDirectory.CatalogFileName}:");
            terminal.WriteLine(entry.ToJsonString(Indented));
        }

        terminal.WriteLine($"next: review the draft, then {JcsInvocation.Command} schema check {path} {topic}");
    }

    /// <summary><c>reward-redeemed</c> → <c>Reward redeemed</c>, which the catalog matches to the slug.</summary>
    private static string Humanize(string slug) => string.Concat(char.ToUpperInvariant(slug[0]).ToString(), slug[1..].Replace('-', ' '));
}
