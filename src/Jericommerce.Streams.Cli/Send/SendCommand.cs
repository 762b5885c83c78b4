using System.CommandLine;
using System.Globalization;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Cli.Send;

/// <summary><c>jcs send</c>: a Jericommerce simulator that signs and POSTs events, for a try-out or a load test.</summary>
internal static class SendCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080" + JericommerceWebhook.Path;

    /// <summary>Runs up to this many requests are listed one by one; bigger ones only get the summary.</summary>
    private const int ListLimit = 20;

    public static Command Create()
    {
        var url = UrlOption();
        var secret = SecretOption();
        var encoding = EncodingOption();
        var examples = new Option<bool>("--examples") { Description = "send the valid examples of schemas/examples (the default source), each with its type's header name" };
        var files = new Option<string[]>("--file", "-f")
        {
            Description = "send this file's bytes as the body (repeatable); '-' reads stdin; needs --type",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var type = new Option<string?>("--type", "-t") { Description = "x-jericommerce-event-type: with --examples, only that type's examples; with --file, the header to send ('' sends none)" };
        var count = new Option<int?>("--count", "-n") { Description = "requests to send, cycling through the events (default: each event once)" };
        var rate = new Option<double>("--rate") { Description = "requests per second; 0 = as fast as the concurrency allows", DefaultValueFactory = _ => 0 };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "requests in flight at once (one keep-alive connection each)", DefaultValueFactory = _ => 1 };
        var duplicates = new Option<double>("--duplicates") { Description = "share (0..1) of requests that re-send an earlier event unchanged, as Jericommerce retries do", DefaultValueFactory = _ => 0 };
        var invalid = new Option<double>("--invalid") { Description = "share (0..1) of events made schema-invalid (createdAt not a date-time)", DefaultValueFactory = _ => 0 };
        var ids = new Option<string?>("--ids") { Description = "fresh: new id and createdAt per event (default for examples); keep: the bytes as they are (default for files)" };
        ids.AcceptOnlyFromAmong("fresh", "keep");
        var customers = new Option<int>("--customers") { Description = "spread events over this many simulated customer ids (keys, hence partitions); 0 keeps each event's", DefaultValueFactory = _ => 0 };
        var timeout = new Option<string>("--timeout") { Description = "per-request timeout", DefaultValueFactory = _ => "10s" };
        var seed = new Option<int?>("--seed") { Description = "random seed, to repeat a run's mix of duplicates and invalid events" };
        var json = new Option<bool>("--json") { Description = "print the report as one JSON object (for scripts)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "only the summary, never one line per request" };
        var schemas = new SchemaOptions();

        var command = new Command("send", "Signs (HMAC-SHA256 over the exact body) and POSTs Jericommerce webhooks to the ingress; reports statuses and latency.")
        {
            url, secret, encoding, examples, files, type, count, rate, concurrency, duplicates, invalid, ids, customers, timeout, seed, json, quiet,
        };
        schemas.AddTo(command);

        command.SetAction(async (terminal, result, time, cancellationToken) =>
        {
            var fileList = result.GetValue(files) ?? [];
            var typeValue = result.GetValue(type);
            var fromFiles = fileList.Length > 0;
            if (fromFiles && result.GetValue(examples))
            {
                throw CliException.Usage("choose one source: --examples or --file");
            }

            IReadOnlyList<EventTemplate> templates;
            if (fromFiles)
            {
                if (typeValue is null)
                {
                    throw CliException.Usage("--file needs --type <event type> (--type '' sends no event-type header)");
                }

                templates = [.. fileList.Select(f => ReadFile(f, typeValue.Length == 0 ? null : typeValue))];
            }
            else
            {
                templates = ExampleEvents.Load(schemas.Load(result, Schemas.SchemaCatalog.DefaultTopicPrefix), typeValue);
            }

            var settings = new SendSettings
            {
                Templates = templates,
                Count = Positive(result.GetValue(count) ?? templates.Count, "--count"),
                Rate = Range(result.GetValue(rate), 0, 1_000_000, "--rate"),
                Concurrency = (int)Range(result.GetValue(concurrency), 1, 4096, "--concurrency"),
                DuplicateFraction = Range(result.GetValue(duplicates), 0, 1, "--duplicates"),
                InvalidFraction = Range(result.GetValue(invalid), 0, 1, "--invalid"),
                FreshIds = (result.GetValue(ids) ?? (fromFiles ? "keep" : "fresh")) == "fresh",
                Customers = (int)Range(result.GetValue(customers), 0, 100_000_000, "--customers"),
                Secret = result.GetValue(secret) ?? WebhookSigner.DefaultSecret(),
                Encoding = ParseEncoding(result.GetValue(encoding)),
                Seed = result.GetValue(seed) ?? Environment.TickCount,
            };
            if (settings.DuplicateFraction + settings.InvalidFraction > 1)
            {
                throw CliException.Usage("--duplicates plus --invalid must not exceed 1");
            }

            var report = await SendAsync(terminal, time, ParseUrl(result.GetValue(url)), settings, Durations.Parse(result.GetValue(timeout), "--timeout"), !result.GetValue(json) && !result.GetValue(quiet), cancellationToken);
            terminal.WriteLine(result.GetValue(json) ? report.ToJson() : report.ToText());
            return Verdict(terminal, report, cancellationToken);
        });
        return command;
    }

    public static Option<string> UrlOption() => new("--url", "-u")
    {
        Description = "the ingress's webhook URL",
        DefaultValueFactory = _ => DefaultUrl,
    };

    public static Option<string?> SecretOption() => new("--secret", "-s")
    {
        Description = "webhook secret to sign with (default: $JCS_SECRET, else the dev stack's dev-secret)",
    };

    public static Option<string> EncodingOption()
    {
        var option = new Option<string>("--encoding")
        {
            Description = "signature encoding: base64 (Jericommerce's) or hex",
            DefaultValueFactory = _ => "base64",
        };
        option.AcceptOnlyFromAmong("base64", "hex");
        return option;
    }

    public static SignatureEncoding ParseEncoding(string? value) =>
        value == "hex" ? SignatureEncoding.Hex : SignatureEncoding.Base64;

    public static Uri ParseUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw CliException.Usage($"--url '{text}' is not an http(s) URL");

    private static async Task<SendReport> SendAsync(Terminal terminal, TimeProvider time, Uri url, SendSettings settings, TimeSpan timeout, bool listEach, CancellationToken cancellationToken)
    {
        using var client = new WebhookClient(url, settings.Concurrency, timeout, time);
        var runner = new LoadRunner(settings, client, time);
        Action<PlannedRequest, WebhookOutcome>? onEach = listEach && settings.Count <= ListLimit
            ? (planned, outcome) => terminal.WriteLine(Describe(planned, outcome))
            : null;
        await using (Progress.Start(terminal, time, elapsed => $"sent {runner.Answered}/{settings.Count} ({runner.Answered / Math.Max(elapsed.TotalSeconds, 0.001):0} req/s)"))
        {
            return await runner.RunAsync(onEach, cancellationToken);
        }
    }

    private static string Describe(PlannedRequest planned, WebhookOutcome outcome)
    {
        var what = planned.Kind == RequestKind.New ? "" : $" ({planned.Kind.ToString().ToLowerInvariant()})";
        var where = outcome.StoredAt() is { } stored ? $"-> {stored}" : outcome.ProblemName() ?? outcome.Failure ?? "";
        return string.Create(CultureInfo.InvariantCulture, $"{outcome.Label,-4} {planned.Request.EventType ?? "(no type)"}{what}  id={planned.EventId ?? "?"}  {outcome.Latency.TotalMilliseconds:0.0} ms  {where}");
    }

    /// <summary>0 when every request was accepted; otherwise one line saying what went wrong, and 1.</summary>
    private static int Verdict(Terminal terminal, SendReport report, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            terminal.WriteErrorLine($"error: interrupted after {report.Sent} of {report.Planned} requests");
            return ExitCodes.Interrupted;
        }

        if (report.Accepted == report.Sent)
        {
            return ExitCodes.Success;
        }

        var refused = string.Join(", ", report.Statuses.Where(s => !(s.Key.Length == 3 && s.Key[0] == '2')).Select(s => $"{s.Key} x {s.Value}"));
        terminal.WriteErrorLine(report.Accepted == 0 && report.Statuses.Keys.All(k => !char.IsDigit(k[0]))
            ? $"error: nothing answered at {report.Url} ({refused}): is the ingress running? `make run` starts the dev stack"
            : $"error: {report.Sent - report.Accepted} of {report.Sent} requests were not accepted ({refused})");
        return ExitCodes.Failure;
    }

    private static EventTemplate ReadFile(string path, string? eventType)
    {
        if (path == "-")
        {
            using var stdin = Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            return new EventTemplate("stdin", eventType, buffer.ToArray());
        }

        return File.Exists(path)
            ? new EventTemplate(path, eventType, File.ReadAllBytes(path))
            : throw CliException.Usage($"--file {path}: no such file");
    }

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw CliException.Usage($"{name} must be at least 1");

    private static double Range(double value, double min, double max, string name) =>
        value >= min && value <= max ? value : throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}"));
}
