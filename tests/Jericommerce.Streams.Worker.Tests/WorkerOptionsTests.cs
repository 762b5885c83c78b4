using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>A bad setting stops the worker at start-up, with a message naming the key.</summary>
public sealed class WorkerOptionsTests
{
    [Theory]
    [InlineData("Kafka:BootstrapServers", "", "Kafka:BootstrapServers")]
    [InlineData("Worker:GroupId", "", "Worker:GroupId")]
    [InlineData("Worker:RawTopic", "", "Worker:RawTopic")]
    [InlineData("Worker:DeadLetterTopic", "jericommerce.raw", "Worker:DeadLetterTopic")]
    [InlineData("Worker:DedupWindow", "00:00:00", "Worker:DedupWindow")]
    [InlineData("Worker:DedupMaxEntriesPerPartition", "10", "Worker:DedupMaxEntriesPerPartition")]
    [InlineData("Worker:RetryMaxDelay", "00:00:00.010", "Worker:RetryMaxDelay")]
    [InlineData("Worker:CommitInterval", "01:00:00", "Worker:CommitInterval")]
    [InlineData("Worker:SchemasPath", "/nowhere/at/all", "Worker:SchemasPath")]
    [InlineData("Worker:LagSampleInterval", "00:00:00.010", "Worker:LagSampleInterval")]
    [InlineData("Kafka:Topology:Partitions", "0", "Kafka:Topology:Partitions")]
    [InlineData("Kafka:Topology:ReplicationFactor", "0", "Kafka:Topology:ReplicationFactor")]
    [InlineData("Kafka:Topology:Configs:min.insync.replicas", "4", "Kafka:Topology:Configs:min.insync.replicas")]
    [InlineData("Kafka:Topology:DeadLetterConfigs:retention.ms", "30d", "Kafka:Topology:DeadLetterConfigs:retention.ms")]
    public async Task Start_WithABadSetting_FailsNamingTheKey(string key, string value, string named)
    {
        var error = await StartFailingAsync<OptionsValidationException>(key, value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Worker:GroupProtocol", "eager", "auto, consumer, classic")]
    [InlineData("Worker:TypedFormat", "avro", "json, json-sr")]
    [InlineData("Worker:NewTopicCreation", "sometimes", "admin, broker, off")]
    public async Task Start_WithAnUnknownValueOfAChoice_FailsInOneLineNamingTheKeyAndTheAllowedValues(string key, string value, string allowed)
    {
        var error = await StartFailingAsync<InvalidOperationException>(key, value);

        var line = Observability.Hosting.ServiceRunner.Describe(error);
        Assert.Contains($"'{key}'", line, StringComparison.Ordinal);
        Assert.Contains($"'{value}' is not one of: {allowed}.", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CLASSIC", "Consumer", "JSON-SR", "OFF")]
    [InlineData("classic", "consumer", "json-sr", "off")]
    public void Choices_BindCaseInsensitively_InTheirDocumentedSpelling(string protocol, string consumer, string format, string creation)
    {
        WorkerOptions Bind(string groupProtocol) => new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Worker:GroupProtocol"] = groupProtocol,
                ["Worker:TypedFormat"] = format,
                ["Worker:NewTopicCreation"] = creation,
            })
            .Build()
            .GetSection(WorkerOptions.SectionName)
            .Get<WorkerOptions>()!;

        var options = Bind(protocol);

        Assert.Equal(global::Jericommerce.Streams.Worker.Group.GroupProtocolChoice.Classic, options.GroupProtocol);
        Assert.Equal(global::Jericommerce.Streams.Worker.Group.GroupProtocolChoice.Consumer, Bind(consumer).GroupProtocol);
        Assert.Equal(global::Jericommerce.Streams.Worker.Registry.TypedFormat.JsonSr, options.TypedFormat);
        Assert.Equal(global::Jericommerce.Streams.Worker.Routing.NewTopicCreation.Off, options.NewTopicCreation);
    }

    [Fact]
    public async Task Start_WithABrokenSchemaFolder_FailsNamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("jcs-schemas-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(Schemas.SchemaDirectory.Default, "*.json"))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }

            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "wallet-click.v1.schema.json"), "{ not json", TestContext.Current.CancellationToken);
            var settings = new Dictionary<string, string?>
            {
                ["Kafka:BootstrapServers"] = "127.0.0.1:1",
                ["Worker:SchemasPath"] = folder.FullName,
            };

            var error = await Assert.ThrowsAsync<Schemas.SchemaCatalogException>(async () =>
            {
                await using var worker = await InProcessWorker.StartAsync(settings);
            });

            Assert.Contains("wallet-click.v1.schema.json", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Starts a worker with <paramref name="key"/> set to <paramref name="value"/>, which must stop it with <typeparamref name="T"/>.</summary>
    private static Task<T> StartFailingAsync<T>(string key, string value)
        where T : Exception =>
        Assert.ThrowsAsync<T>(async () =>
        {
            await using var worker = await InProcessWorker.StartAsync(new Dictionary<string, string?>
            {
                ["Kafka:BootstrapServers"] = "127.0.0.1:1",
                [key] = value,
            });
        });
}
