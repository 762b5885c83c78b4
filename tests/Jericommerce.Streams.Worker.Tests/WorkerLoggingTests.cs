using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>The container logging option: Logging__Console__FormatterName=json makes every console line a JSON object.</summary>
public sealed class WorkerLoggingTests
{
    [Fact]
    public async Task JsonConsoleFormatter_WritesOneJsonObjectPerLine_WithEventIdAndStructuredValues()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "jcs-worker.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Kafka__BootstrapServers"] = "127.0.0.1:1";
        start.Environment["Worker__GroupId"] = "logging-test";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "json";
        var lines = new ConcurrentQueue<string>();
        using var process = Process.Start(start)!;
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
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!lines.Any(l => l.Contains("\"logging-test\"", StringComparison.Ordinal)) && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.NotEmpty(lines);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(entries, e => Assert.True(e.TryGetProperty("EventId", out _) && e.TryGetProperty("LogLevel", out _), e.ToString()));
        var started = Assert.Single(entries, e => e.GetProperty("Category").GetString()!.EndsWith("RoutingEngine", StringComparison.Ordinal) && e.GetProperty("EventId").GetInt32() == 1);
        Assert.Equal("logging-test", started.GetProperty("State").GetProperty("GroupId").GetString());
    }
}
