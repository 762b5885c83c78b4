using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>The container logging option: Logging__Console__FormatterName=json makes every console line a JSON object.</summary>
public sealed class WorkerLoggingTests
{
    [Fact]
    public async Task JsonConsoleFormatter_WritesOneJsonObjectPerLine_WithEventIdAndStructuredValues()
    {
        var entries = await RunWorkerUntilAsync(new Dictionary<string, string>(), line => line.Contains("\"logging-test\"", StringComparison.Ordinal));

        Assert.All(entries, e => Assert.True(e.TryGetProperty("EventId", out _) && e.TryGetProperty("LogLevel", out _), e.ToString()));
        var started = Assert.Single(entries, e => e.GetProperty("Category").GetString()!.EndsWith("ConsumeLoop", StringComparison.Ordinal) && e.GetProperty("EventId").GetInt32() == 1);
        Assert.Equal("logging-test", started.GetProperty("State").GetProperty("GroupId").GetString());
    }

    [Fact]
    public async Task Start_WithASchemaKeywordTheCompiledCheckDoesNotCover_WarnsWhichTypeAndWhy()
    {
        var schemas = Directory.CreateTempSubdirectory("jcs-worker-schemas-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(SchemaDirectory.Default, "*.json"))
            {
                File.Copy(file, Path.Combine(schemas, Path.GetFileName(file)));
            }

            var schemaPath = Path.Combine(schemas, "wallet-click.v1.schema.json");
            var schema = JsonNode.Parse(await File.ReadAllTextAsync(schemaPath, TestContext.Current.CancellationToken))!;
            schema["properties"]!["properties"]!["properties"]!["name"]!["minLength"] = 3;
            await File.WriteAllTextAsync(schemaPath, schema.ToJsonString(), TestContext.Current.CancellationToken);

            var entries = await RunWorkerUntilAsync(
                new Dictionary<string, string> { ["Worker__SchemasPath"] = schemas },
                line => line.Contains("\"logging-test\"", StringComparison.Ordinal));

            var warning = Assert.Single(entries, e => e.GetProperty("EventId").GetInt32() == 500);
            Assert.Equal("Warning", warning.GetProperty("LogLevel").GetString());
            var state = warning.GetProperty("State");
            Assert.Equal("wallet-click", state.GetProperty("EventType").GetString());
            Assert.Equal("wallet-click.v1.schema.json", state.GetProperty("SchemaFile").GetString());
            Assert.Contains("keyword 'minLength'", state.GetProperty("NotCompiled").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(schemas, recursive: true);
        }
    }

    [Fact]
    public async Task Start_WithTheShippedSchemas_WarnsOfNoSlowType()
    {
        var entries = await RunWorkerUntilAsync(new Dictionary<string, string>(), line => line.Contains("\"logging-test\"", StringComparison.Ordinal));

        Assert.DoesNotContain(entries, e => e.GetProperty("EventId").GetInt32() == 500);
    }

    /// <summary>Runs jcs-worker with JSON console logs (and no reachable broker) until a line matches; its log entries.</summary>
    private static async Task<List<JsonElement>> RunWorkerUntilAsync(Dictionary<string, string> environment, Func<string, bool> until)
    {
        var start = ChildProcesses.Dotnet("jcs-worker.dll");
        start.Environment["Kafka__BootstrapServers"] = "127.0.0.1:1";
        start.Environment["Worker__GroupId"] = "logging-test";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "json";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var lines = new ConcurrentQueue<string>();
        using var process = ChildProcesses.Start(start);
        process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.UntilAsync(() => lines.Any(until) || process.HasExited, () => $"the awaited log line ({lines.Count} lines so far)", TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.NotEmpty(lines);
        return lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
    }
}
