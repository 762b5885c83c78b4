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
    [InlineData("Worker:GroupProtocol", "eager", "Worker:GroupProtocol")]
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
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            [key] = value,
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var worker = await InProcessWorker.StartAsync(settings);
        });

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
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
}
