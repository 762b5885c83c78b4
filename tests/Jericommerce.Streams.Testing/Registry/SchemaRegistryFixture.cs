namespace Jericommerce.Streams.Testing.Registry;

/// <summary>
/// The real Schema Registry that tests needing one share, chosen by <c>JCS_TEST_SCHEMA_REGISTRY</c>: <c>auto</c>
/// (default: a <c>cp-schema-registry</c> container when Docker answers; otherwise those tests are skipped, with the
/// reason), <c>fake</c> (never start one: skip them), or <c>testcontainers</c> (fail when Docker is missing). Tests
/// that need outages or an empty registry start their own <see cref="FakeSchemaRegistry"/> instead.
/// </summary>
public sealed class SchemaRegistryFixture : IAsyncLifetime
{
    public const string ModeVariable = "JCS_TEST_SCHEMA_REGISTRY";

    private ContainerSchemaRegistry? _container;
    private string _unavailableReason = "not started";

    public async ValueTask InitializeAsync()
    {
        var mode = (Environment.GetEnvironmentVariable(ModeVariable) ?? "auto").Trim().ToUpperInvariant();
        switch (mode)
        {
            case "FAKE":
                _unavailableReason = $"{ModeVariable}=fake";
                break;
            case "TESTCONTAINERS":
                _container = await ContainerSchemaRegistry.StartAsync(required: true);
                break;
            case "AUTO" or "":
                _container = await ContainerSchemaRegistry.StartAsync(required: false);
                _unavailableReason = "Docker is not available";
                break;
            default:
                throw new InvalidOperationException($"{ModeVariable}='{mode}' is not one of auto, fake, testcontainers.");
        }
    }

    /// <summary>The container's URL; skips the calling test, with the reason, when there is none.</summary>
    public string RequireRealRegistry()
    {
        Assert.SkipWhen(
            _container is null,
            $"Needs a real Confluent Schema Registry ({ContainerSchemaRegistry.Image} through Testcontainers): {_unavailableReason}. The same behaviour is tested against the fake registry.");
        return _container!.Url;
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
