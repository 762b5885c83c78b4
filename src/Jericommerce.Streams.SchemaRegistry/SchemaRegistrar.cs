using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.SchemaRegistry;

namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>
/// Registers and checks typed-topic schemas through Confluent's client. Every failure comes out as a
/// <see cref="SchemaRegistryUnavailableException"/> (no usable answer: retry) or a
/// <see cref="SchemaRegistrationException"/> (a refusal: someone must act), both naming the subject.
/// Used by the worker at start-up (and before the first record of a topic) and meant for <c>jcs schemas</c>.
/// </summary>
public sealed class SchemaRegistrar
{
    private readonly ISchemaRegistryClient _client;

    public SchemaRegistrar(ISchemaRegistryClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>
    /// Registers the local schema under its subject, or gets the id of the identical version already there
    /// (<c>POST /subjects/{subject}/versions</c>). An incompatible schema is refused (409) with
    /// <see cref="SchemaRegistrationFailure.Incompatible"/>.
    /// </summary>
    public async Task<SchemaRegistration> RegisterAsync(TypedTopicSchema schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var subject = schema.Subject;
        var registered = await CallAsync(subject, () => _client.RegisterSchemaWithResponseAsync(subject, schema.ToRegistrySchema(), normalize: false), cancellationToken);
        var version = registered.Version;
        if (version <= 0)
        {
            // Registries answer a registration with the id alone; the lookup tells the version.
            var found = await CallAsync(subject, () => _client.LookupSchemaAsync(subject, schema.ToRegistrySchema(), ignoreDeletedSchemas: true), cancellationToken);
            version = found.Version;
        }

        return new SchemaRegistration(subject, registered.Id, version, SchemaResolution.Registered);
    }

    /// <summary>
    /// The subject's latest registered version, for a service that must not register: used as it is when it is the
    /// local schema, otherwise only when the registry finds the local schema compatible with it (the check
    /// Confluent's serializers make with <c>use.latest.version</c> and <c>latest.compatibility.strict</c>).
    /// </summary>
    /// <exception cref="SchemaRegistrationException">No version (<see cref="SchemaRegistrationFailure.NotRegistered"/>), or an incompatible one.</exception>
    public async Task<SchemaRegistration> ResolveLatestAsync(TypedTopicSchema schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var subject = schema.Subject;
        var latest = await GetLatestAsync(subject, cancellationToken)
            ?? throw new SchemaRegistrationException(subject, SchemaRegistrationFailure.NotRegistered, $"Subject '{subject}' has no registered schema.");
        if (IsLocalSchema(latest, schema))
        {
            return new SchemaRegistration(subject, latest.Id, latest.Version, SchemaResolution.LatestIdentical);
        }

        if (!await IsCompatibleAsync(latest, schema, cancellationToken))
        {
            throw new SchemaRegistrationException(
                subject,
                SchemaRegistrationFailure.Incompatible,
                $"The local schema of subject '{subject}' ({schema.EventType.SchemaFile}) is incompatible with its latest registered version {latest.Version} (id {latest.Id}).");
        }

        return new SchemaRegistration(subject, latest.Id, latest.Version, SchemaResolution.LatestCompatible);
    }

    /// <summary>
    /// How the local schema stands against the subject's latest version, without changing anything
    /// (<c>GET /subjects/{subject}/versions/latest</c>, then <c>POST /compatibility/subjects/{subject}/versions/latest</c>
    /// when they differ): what to run before deploying a changed schema.
    /// </summary>
    public async Task<CompatibilityReport> CheckAsync(TypedTopicSchema schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var subject = schema.Subject;
        var latest = await GetLatestAsync(subject, cancellationToken);
        if (latest is null)
        {
            return new CompatibilityReport(subject, CompatibilityStatus.NotRegistered, null, null);
        }

        var status = IsLocalSchema(latest, schema) ? CompatibilityStatus.Unchanged
            : await IsCompatibleAsync(latest, schema, cancellationToken) ? CompatibilityStatus.Compatible
            : CompatibilityStatus.Incompatible;
        return new CompatibilityReport(subject, status, latest.Version, latest.Id);
    }

    /// <summary><see cref="RegisterAsync"/> for each schema in turn; stops at the first failure.</summary>
    public Task<IReadOnlyList<SchemaRegistration>> RegisterAllAsync(IEnumerable<TypedTopicSchema> schemas, CancellationToken cancellationToken = default) =>
        EachInTurnAsync(schemas, RegisterAsync, cancellationToken);

    /// <summary><see cref="CheckAsync"/> for each schema in turn.</summary>
    public Task<IReadOnlyList<CompatibilityReport>> CheckAllAsync(IEnumerable<TypedTopicSchema> schemas, CancellationToken cancellationToken = default) =>
        EachInTurnAsync(schemas, CheckAsync, cancellationToken);

    /// <summary>
    /// <paramref name="step"/> for each schema, one after the other (the registry sees one request at a time); an
    /// exception stops the rest.
    /// </summary>
    private static async Task<IReadOnlyList<T>> EachInTurnAsync<T>(
        IEnumerable<TypedTopicSchema> schemas, Func<TypedTopicSchema, CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        var results = new List<T>();
        foreach (var schema in schemas)
        {
            results.Add(await step(schema, cancellationToken));
        }

        return results;
    }

    private async Task<RegisteredSchema?> GetLatestAsync(string subject, CancellationToken cancellationToken)
    {
        // The client keeps "latest" forever once read; a check after a registration must see the new version.
        (_client as CachedSchemaRegistryClient)?.ClearLatestCaches();
        try
        {
            return await CallAsync(subject, () => _client.GetLatestSchemaAsync(subject), cancellationToken);
        }
        catch (SchemaRegistrationException ex) when (ex.Failure == SchemaRegistrationFailure.NotRegistered)
        {
            return null;
        }
    }

    private async Task<bool> IsCompatibleAsync(RegisteredSchema latest, TypedTopicSchema schema, CancellationToken cancellationToken) =>
        latest.SchemaType == SchemaType.Json
        && await CallAsync(schema.Subject, () => _client.IsCompatibleAsync(schema.Subject, schema.ToRegistrySchema()), cancellationToken);

    /// <summary>The same JSON (key order and spacing aside), type JSON, no references.</summary>
    private static bool IsLocalSchema(RegisteredSchema registered, TypedTopicSchema schema)
    {
        if (registered.SchemaType != SchemaType.Json || registered.References is { Count: > 0 } || registered.SchemaString is null)
        {
            return false;
        }

        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(registered.SchemaString), JsonNode.Parse(schema.SchemaText));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task<T> CallAsync<T>(string subject, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // The client takes no token: stop waiting for it instead.
            return await call().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (RegistryFailures.IsTransient(ex))
        {
            throw new SchemaRegistryUnavailableException($"The Schema Registry did not answer for subject '{subject}': {RegistryFailures.Describe(ex)}", ex);
        }
        catch (HttpRequestException ex)
        {
            var failure = RegistryFailures.Classify(ex);
            throw new SchemaRegistrationException(subject, failure, $"The Schema Registry refused subject '{subject}' ({failure}): {RegistryFailures.Describe(ex)}", ex);
        }
    }
}
