using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Testing.Registry;

/// <summary>
/// A Schema-Registry-compatible HTTP endpoint for tests (Kestrel on 127.0.0.1), so that Confluent's real
/// <c>CachedSchemaRegistryClient</c> and <c>JsonDeserializer</c> are exercised over HTTP. It implements only the
/// REST calls Confluent.SchemaRegistry 2.16 makes for what the project does: register
/// (<c>POST /subjects/{s}/versions</c>), look up (<c>POST /subjects/{s}</c>), get by id (<c>GET /schemas/ids/{id}</c>),
/// get a version or the latest (<c>GET /subjects/{s}/versions/{v}</c>), list, and check compatibility
/// (<c>POST /compatibility/subjects/{s}/versions/{v}</c>). Everything else answers 404 with a registry error body:
/// the deserializer's default subject-name strategy asks <c>GET /associations/...</c> first and falls back to
/// TopicNameStrategy on a 404. Compatibility is whatever <see cref="IsCompatible"/> says (default: everything).
/// Outages: <see cref="Unavailable"/> answers 503; <see cref="StopAsync"/> refuses connections until <see cref="StartAsync()"/>.
/// </summary>
public sealed class FakeSchemaRegistry : IAsyncDisposable
{
    private const string ContentType = "application/vnd.schemaregistry.v1+json";

    private readonly Lock _gate = new();
    private readonly List<StoredSchema> _schemas = [];
    private readonly Dictionary<string, List<int>> _subjects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly string? _requiredAuthorization;
    private WebApplication? _app;
    private int _port;

    private FakeSchemaRegistry(string? requiredUserInfo)
    {
        _requiredAuthorization = requiredUserInfo is null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(requiredUserInfo));
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234</c>; the same across <see cref="StopAsync"/> and <see cref="StartAsync()"/>.</summary>
    public string Url => $"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>While true, every request gets 503.</summary>
    public bool Unavailable { get; set; }

    /// <summary>(subject, candidate schema, registered schema) → compatible? Default: always.</summary>
    public Func<string, string, string, bool> IsCompatible { get; set; } = (_, _, _) => true;

    /// <summary>Every request received, as <c>METHOD /path?query</c>, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Starts on a free port; with <paramref name="requiredUserInfo"/> (<c>user:password</c>), other requests get 401.</summary>
    public static async Task<FakeSchemaRegistry> StartAsync(string? requiredUserInfo = null)
    {
        var registry = new FakeSchemaRegistry(requiredUserInfo);
        await registry.StartAsync();
        return registry;
    }

    /// <summary>Listens again (on the same port after a <see cref="StopAsync"/>).</summary>
    public async Task StartAsync()
    {
        if (_app is not null)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port));
        var app = builder.Build();
        Map(app);
        await app.StartAsync();
        _port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    /// <summary>Stops listening: connections are refused until <see cref="StartAsync()"/>. What was registered is kept.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Registers directly, as another client would have; returns the schema id.</summary>
    public int Register(string subject, string schema, string schemaType = "JSON")
    {
        lock (_gate)
        {
            return RegisterLocked(subject, schema, schemaType);
        }
    }

    /// <summary>The id of the subject's latest version, or null.</summary>
    public int? LatestId(string subject)
    {
        lock (_gate)
        {
            return _subjects.TryGetValue(subject, out var versions) ? versions[^1] : null;
        }
    }

    /// <summary>The subjects registered, sorted.</summary>
    public IReadOnlyList<string> Subjects()
    {
        lock (_gate)
        {
            return [.. _subjects.Keys.Order(StringComparer.Ordinal)];
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            _requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            if (Unavailable)
            {
                await Write(context, Error(HttpStatusCode.ServiceUnavailable, 50301, "Service Unavailable"));
                return;
            }

            if (_requiredAuthorization is not null && context.Request.Headers.Authorization != _requiredAuthorization)
            {
                await Write(context, Error(HttpStatusCode.Unauthorized, 401, "Unauthorized"));
                return;
            }

            await next(context);
        });

        app.MapPost("/subjects/{subject}/versions", async (string subject, HttpContext context) =>
        {
            var (schema, type, error) = await ReadSchemaAsync(context);
            if (error is not null)
            {
                return error;
            }

            lock (_gate)
            {
                if (_subjects.TryGetValue(subject, out var versions) && !versions.Any(id => _schemas[id - 1].Matches(schema!, type!)))
                {
                    var latest = _schemas[versions[^1] - 1];
                    if (!IsCompatible(subject, schema!, latest.Schema))
                    {
                        return Error(HttpStatusCode.Conflict, 409, $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\"");
                    }
                }

                return Ok(new JsonObject { ["id"] = RegisterLocked(subject, schema!, type!) });
            }
        });

        app.MapPost("/subjects/{subject}", async (string subject, HttpContext context) =>
        {
            var (schema, type, error) = await ReadSchemaAsync(context);
            if (error is not null)
            {
                return error;
            }

            lock (_gate)
            {
                if (!_subjects.TryGetValue(subject, out var versions))
                {
                    return SubjectNotFound(subject);
                }

                var index = versions.FindIndex(id => _schemas[id - 1].Matches(schema!, type!));
                return index < 0 ? Error(HttpStatusCode.NotFound, 40403, "Schema not found") : Ok(Version(subject, versions, index));
            }
        });

        app.MapGet("/schemas/ids/{id:int}", (int id) =>
        {
            lock (_gate)
            {
                if (id < 1 || id > _schemas.Count)
                {
                    return Error(HttpStatusCode.NotFound, 40403, "Schema not found");
                }

                var stored = _schemas[id - 1];
                var body = new JsonObject { ["schema"] = stored.Schema, ["references"] = new JsonArray() };
                if (stored.Type != "AVRO")
                {
                    body["schemaType"] = stored.Type;
                }

                return Ok(body);
            }
        });

        app.MapGet("/subjects", () =>
        {
            lock (_gate)
            {
                return Ok(new JsonArray([.. _subjects.Keys.Order(StringComparer.Ordinal).Select(s => (JsonNode)JsonValue.Create(s))]));
            }
        });

        app.MapGet("/subjects/{subject}/versions", (string subject) =>
        {
            lock (_gate)
            {
                return _subjects.TryGetValue(subject, out var versions)
                    ? Ok(new JsonArray([.. Enumerable.Range(1, versions.Count).Select(v => (JsonNode)JsonValue.Create(v))]))
                    : SubjectNotFound(subject);
            }
        });

        app.MapGet("/subjects/{subject}/versions/{version}", (string subject, string version) =>
        {
            lock (_gate)
            {
                if (!_subjects.TryGetValue(subject, out var versions))
                {
                    return SubjectNotFound(subject);
                }

                var index = VersionIndex(versions, version);
                return index is { } found ? Ok(Version(subject, versions, found)) : Error(HttpStatusCode.NotFound, 40402, "Version not found.");
            }
        });

        app.MapPost("/compatibility/subjects/{subject}/versions/{version}", async (string subject, string version, HttpContext context) =>
        {
            var (schema, _, error) = await ReadSchemaAsync(context);
            if (error is not null)
            {
                return error;
            }

            lock (_gate)
            {
                if (!_subjects.TryGetValue(subject, out var versions))
                {
                    return SubjectNotFound(subject);
                }

                if (VersionIndex(versions, version) is not { } index)
                {
                    return Error(HttpStatusCode.NotFound, 40402, "Version not found.");
                }

                return Ok(new JsonObject { ["is_compatible"] = IsCompatible(subject, schema!, _schemas[versions[index] - 1].Schema) });
            }
        });

        app.MapFallback(() => Error(HttpStatusCode.NotFound, 404, "HTTP 404 Not Found"));
    }

    private int RegisterLocked(string subject, string schema, string type)
    {
        var existing = _schemas.FindIndex(s => s.Matches(schema, type));
        var id = existing >= 0 ? existing + 1 : AddSchema(schema, type);
        if (!_subjects.TryGetValue(subject, out var versions))
        {
            _subjects[subject] = versions = [];
        }

        if (!versions.Contains(id))
        {
            versions.Add(id);
        }

        return id;
    }

    private int AddSchema(string schema, string type)
    {
        _schemas.Add(new StoredSchema(schema, type));
        return _schemas.Count;
    }

    private JsonObject Version(string subject, List<int> versions, int index)
    {
        var stored = _schemas[versions[index] - 1];
        var body = new JsonObject
        {
            ["subject"] = subject,
            ["version"] = index + 1,
            ["id"] = versions[index],
            ["schema"] = stored.Schema,
            ["references"] = new JsonArray(),
        };
        if (stored.Type != "AVRO")
        {
            body["schemaType"] = stored.Type;
        }

        return body;
    }

    private static int? VersionIndex(List<int> versions, string version) =>
        version is "latest" or "-1" ? versions.Count - 1
        : int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= versions.Count ? number - 1
        : null;

    private static async Task<(string? Schema, string? Type, IResult? Error)> ReadSchemaAsync(HttpContext context)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, null, Error(HttpStatusCode.BadRequest, 400, "Unrecognized request body"));
        }

        var schema = body?["schema"]?.GetValue<string>();
        var type = body?["schemaType"]?.GetValue<string>() ?? "AVRO";
        if (schema is null)
        {
            return (null, null, Error(HttpStatusCode.UnprocessableEntity, 42201, "Empty schema"));
        }

        if (type == "JSON")
        {
            try
            {
                _ = JsonNode.Parse(schema);
            }
            catch (JsonException ex)
            {
                return (null, null, Error(HttpStatusCode.UnprocessableEntity, 42201, $"Invalid schema: {ex.Message}"));
            }
        }

        return (schema, type, null);
    }

    private static IResult SubjectNotFound(string subject) => Error(HttpStatusCode.NotFound, 40401, $"Subject '{subject}' not found.");

    private static IResult Ok(JsonNode body) => Results.Content(body.ToJsonString(), ContentType, Encoding.UTF8, StatusCodes.Status200OK);

    private static IResult Error(HttpStatusCode status, int code, string message) =>
        Results.Content(new JsonObject { ["error_code"] = code, ["message"] = message }.ToJsonString(), ContentType, Encoding.UTF8, (int)status);

    private static Task Write(HttpContext context, IResult result) => result.ExecuteAsync(context);

    private sealed record StoredSchema(string Schema, string Type)
    {
        public bool Matches(string schema, string type) => Type == type && Schema == schema;
    }
}
