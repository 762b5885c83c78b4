using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using Json.Schema;

namespace Jericommerce.Streams.Schemas;

/// <summary>
/// The Jericommerce event types and their JSON Schemas, loaded once from a schema directory
/// (<c>catalog.json</c> plus one schema file per type). Thread-safe once loaded.
/// </summary>
public sealed class SchemaCatalog
{
    /// <summary>Topic prefix used when none is configured: topics are <c>jericommerce.&lt;slug&gt;.v&lt;n&gt;</c>.</summary>
    public const string DefaultTopicPrefix = "jericommerce";

    /// <summary>Deepest nesting a payload may have; deeper ones are rejected as invalid JSON rather than walked.</summary>
    public const int MaxPayloadDepth = 64;

    // Header values longer than this are normalised in a rented buffer instead of on the stack.
    private const int StackNormalizeLimit = 256;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxPayloadDepth,
        // A validator that sees the first of two equal keys while a consumer reads the last would let a bad value through.
        AllowDuplicateProperties = false,
    };

    // Format must be asserted: under draft 2020-12 it is only an annotation by default, so a bad createdAt would pass.
    internal static readonly EvaluationOptions FlagOptions = CreateEvaluationOptions(OutputFormat.Flag);
    private static readonly EvaluationOptions ListOptions = CreateEvaluationOptions(OutputFormat.List);

    private readonly FrozenDictionary<string, EventType>.AlternateLookup<ReadOnlySpan<char>> _byHeaderName;

    /// <summary>The <see cref="EventType.Slug"/> of <see cref="Envelope"/>: not a slug any catalog type or header can have.</summary>
    public const string EnvelopeSlug = "(envelope)";

    internal SchemaCatalog(string directory, string topicPrefix, IReadOnlyList<EventType> eventTypes, FrozenDictionary<string, EventType> byHeaderName, EventType? envelope = null)
    {
        Envelope = envelope;
        Directory = directory;
        TopicPrefix = topicPrefix;
        EventTypes = eventTypes;
        _byHeaderName = byHeaderName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Full path of the directory the catalog was loaded from.</summary>
    public string Directory { get; }

    /// <summary>Prefix of every typed topic.</summary>
    public string TopicPrefix { get; }

    /// <summary>The event types, in catalog order.</summary>
    public IReadOnlyList<EventType> EventTypes { get; }

    /// <summary>
    /// The schema an event of a type outside the catalog is checked against (<c>envelope</c> in <c>catalog.json</c>,
    /// a shared schema every type references), as a pseudo type to pass to <see cref="Validate(EventType, ReadOnlyMemory{byte})"/>:
    /// no header names and an empty <see cref="EventType.Topic"/>. Null when the catalog declares none.
    /// </summary>
    public EventType? Envelope { get; }

    /// <summary>Loads <see cref="SchemaDirectory.Default"/> with the default topic prefix.</summary>
    /// <exception cref="SchemaCatalogException">A catalog or schema file is missing or broken; the message names it.</exception>
    public static SchemaCatalog Load() => Load(SchemaDirectory.Default);

    /// <summary>Loads and compiles the catalog and every schema it names from <paramref name="directory"/>.</summary>
    /// <param name="directory">Folder holding <c>catalog.json</c> and the schema files.</param>
    /// <param name="topicPrefix">Put in front of each type's topic suffix, with a dot between.</param>
    /// <exception cref="SchemaCatalogException">A catalog or schema file is missing or broken; the message names it.</exception>
    public static SchemaCatalog Load(string directory, string topicPrefix = DefaultTopicPrefix) =>
        SchemaCatalogLoader.Load(directory, topicPrefix);

    /// <summary>Finds the event type an <c>x-jericommerce-event-type</c> value names; see <see cref="HeaderNameNormalizer"/>.</summary>
    public bool TryResolve(string? headerValue, [NotNullWhen(true)] out EventType? eventType) =>
        TryResolve(headerValue.AsSpan(), out eventType);

    /// <inheritdoc cref="TryResolve(string?, out EventType?)"/>
    public bool TryResolve(ReadOnlySpan<char> headerValue, [NotNullWhen(true)] out EventType? eventType)
    {
        char[]? rented = null;
        Span<char> buffer = headerValue.Length <= StackNormalizeLimit
            ? stackalloc char[StackNormalizeLimit]
            : rented = ArrayPool<char>.Shared.Rent(headerValue.Length);
        try
        {
            var length = HeaderNameNormalizer.Normalize(headerValue, buffer);
            return _byHeaderName.TryGetValue(buffer[..length], out eventType);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Validates a UTF-8 JSON payload against <paramref name="eventType"/>'s schema.</summary>
    /// <returns>
    /// <see cref="ValidationResult.Valid"/>; or <see cref="ValidationOutcome.InvalidJson"/> when the payload is not
    /// a UTF-8 JSON object within <see cref="MaxPayloadDepth"/>; or <see cref="ValidationOutcome.SchemaViolation"/>
    /// with one error per failed keyword.
    /// </returns>
    public ValidationResult Validate(EventType eventType, ReadOnlyMemory<byte> utf8Json) => Validate(eventType, utf8Json, useCompiled: true);

    /// <summary>
    /// <see cref="Validate(EventType, ReadOnlyMemory{byte})"/>, with JsonSchema.Net alone when <paramref name="useCompiled"/>
    /// is false: the reference the compiled check is tested and benchmarked against.
    /// </summary>
    internal ValidationResult Validate(EventType eventType, ReadOnlyMemory<byte> utf8Json, bool useCompiled)
    {
        ArgumentNullException.ThrowIfNull(eventType);

        // The reader leaves string contents unchecked until they are read, and an additive field the schema never
        // reads would carry invalid UTF-8 to the typed topic unnoticed.
        if (!Utf8.IsValid(utf8Json.Span))
        {
            return ValidationResult.InvalidJson("The payload is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return ValidationResult.InvalidJson(ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // The duplicate-name check unescapes property names, and one escaping an unpaired surrogate fails there.
            return ValidationResult.InvalidJson(ex.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ValidationResult.InvalidJson($"The payload is a JSON {DescribeKind(root.ValueKind)}, not an object.");
            }

            // Valid UTF-8 can still escape an unpaired surrogate ("\ud800"), which no .NET string can hold: reject it
            // wherever it is, not only where a keyword happens to read the string. Only payloads escaping a surrogate pay
            // for the walk: System.Text.Json's writer escapes '+' in every offset date-time, and gating on any escape
            // made those events allocate a pointer string per property.
            if (EscapesSurrogate(utf8Json.Span) && FindUnreadableString(root) is { } unreadable)
            {
                return ValidationResult.InvalidJson($"The string at '{unreadable}' escapes an unpaired UTF-16 surrogate.");
            }

            try
            {
                // The compiled check answers for valid payloads (most of them) at a fraction of JsonSchema.Net's cost;
                // JsonSchema.Net stays the reference: it describes every failure, and has the last word on it.
                if (useCompiled && eventType.Compiled is { } compiled
                    ? compiled.IsValid(root)
                    : eventType.Schema.Evaluate(root, FlagOptions).IsValid)
                {
                    return ValidationResult.Valid;
                }

                var details = eventType.Schema.Evaluate(root, ListOptions);
                return details.IsValid ? ValidationResult.Valid : ValidationResult.SchemaViolation(CollectErrors(details));
            }
            catch (ArgumentException ex)
            {
                // JsonSchema.Net's date-time check throws on year 0000 (DateTime.DaysInMonth). Left to propagate, one such
                // event would stop its partition for good, every time the worker restarts: it is a violation instead.
                return ValidationResult.SchemaViolation([new ValidationError(string.Empty, "format", $"A value in the payload could not be checked: {ex.Message}")]);
            }
        }
    }

    /// <summary>
    /// Whether the text holds an escape from <c>\uD800</c> to <c>\uDFFF</c> (either case): the only way valid UTF-8 JSON
    /// can carry a surrogate. An escaped backslash before a <c>u</c> (<c>\\uD800</c>) counts too; it only costs the walk.
    /// </summary>
    internal static bool EscapesSurrogate(ReadOnlySpan<byte> utf8Json)
    {
        var rest = utf8Json;
        for (var at = rest.IndexOf("\\u"u8); at >= 0; at = rest.IndexOf("\\u"u8))
        {
            rest = rest[(at + 2)..];
            if (rest.Length >= 2 && (rest[0] | 0x20) == 'd' && (rest[1] | 0x20) is (>= '8' and <= '9') or (>= 'a' and <= 'f'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>JSON Pointer of the first string or property name that cannot be read as UTF-16, or null.</summary>
    private static string? FindUnreadableString(JsonElement element, string pointer = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return CanRead(element) ? null : pointer;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindUnreadableString(item, $"{pointer}/{index++}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return pointer;
                    }

                    var escaped = name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    if (FindUnreadableString(property.Value, $"{pointer}/{escaped}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool CanRead(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static EvaluationOptions CreateEvaluationOptions(OutputFormat format)
    {
        var options = new EvaluationOptions { OutputFormat = format, RequireFormatValidation = true };
        // Annotations are never read here; keywords that depend on them (unevaluated*) still get them internally.
        options.IgnoreAllAnnotations();
        return options;
    }

    private static List<ValidationError> CollectErrors(EvaluationResults results)
    {
        var errors = new List<ValidationError>();
        AddErrors(results, errors);
        if (results.Details is { } details)
        {
            foreach (var detail in details)
            {
                AddErrors(detail, errors);
            }
        }

        if (errors.Count == 0)
        {
            // Never report a failure without a reason, even if the evaluator gave none.
            errors.Add(new ValidationError(string.Empty, null, "The payload does not match the schema."));
        }

        return errors;
    }

    private static void AddErrors(EvaluationResults node, List<ValidationError> errors)
    {
        if (node.Errors is not { Count: > 0 } nodeErrors)
        {
            return;
        }

        var pointer = node.InstanceLocation.ToString();
        foreach (var (keyword, message) in nodeErrors)
        {
            errors.Add(new ValidationError(pointer, keyword, message));
        }
    }

    private static string DescribeKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
