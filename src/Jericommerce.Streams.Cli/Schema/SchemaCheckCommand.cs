using System.CommandLine;
using System.Globalization;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Schema;

/// <summary>
/// <c>jcs schema check &lt;schema-file&gt; &lt;topic&gt;</c>: validates every event captured on a topic against a schema file
/// (a new one, or a changed version of a catalog type's): the compatibility gate before a schema change is deployed.
/// </summary>
internal static class SchemaCheckCommand
{
    private const int FailuresShown = 5;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("schema-file") { Description = "the schema to check, named <slug>.v<major>.schema.json" };
        var topic = new Argument<string>("topic") { Description = "topic holding the captured events, e.g. jericommerce.reward-redeemed.v1" };
        var kafka = new KafkaConnectionOptions();
        var schemas = new SchemaOptions();
        var command = new Command("check", "Validates the events on a topic against a schema file; exits 1 when any fails.") { file, topic };
        schemas.AddTo(command);
        kafka.AddTo(command);

        command.SetAction(async (terminal, result, cancellationToken) =>
        {
            var schemaFile = result.GetValue(file)!.FullName;
            var (catalog, type) = CandidateSchema.Load(schemas.Resolve(result), schemaFile);
            var name = result.GetValue(topic)!;
            using var scanner = new TopicScanner(kafka.Resolve(result));
            var ranges = scanner.Ranges([name]);
            int passed = 0, failed = 0;
            var failures = new List<string>();
            await scanner.ScanAsync(
                [.. ranges.Select(r => (r, r.Start))],
                follow: false,
                record =>
                {
                    var outcome = catalog.Validate(type, record.Message.Value ?? []);
                    if (outcome.IsValid)
                    {
                        passed++;
                    }
                    else if (++failed <= FailuresShown)
                    {
                        var why = string.Join("; ", outcome.Errors.Select(e => string.IsNullOrEmpty(e.Pointer) ? e.Message : $"{e.Pointer}: {e.Message}"));
                        failures.Add(string.Create(CultureInfo.InvariantCulture, $"  {record.Topic}[{record.Partition.Value}]@{record.Offset.Value}: {why}"));
                    }

                    return true;
                },
                cancellationToken);

            var total = passed + failed;
            if (total == 0)
            {
                await terminal.ErrorAsync($"{name} holds no events: nothing to check {Path.GetFileName(schemaFile)} against");
                return ExitCodes.Failure;
            }

            terminal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(schemaFile)} against {total} events of {name}: {passed} pass, {failed} fail"));
            foreach (var line in failures)
            {
                terminal.WriteLine(line);
            }

            if (failed > FailuresShown)
            {
                terminal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... and {failed - FailuresShown} more"));
            }

            return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
