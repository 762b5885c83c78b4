namespace Jericommerce.Streams.LoadTests.Phases;

/// <summary>Starts the dev broker as a process of its own (<see cref="Serve.BrokerHost"/>) and reads its bootstrap address.</summary>
internal static class BrokerProcess
{
    public static async Task<(ChildProcess Process, string BootstrapServers)> StartAsync(BenchContext context, bool forwarder)
    {
        string[] arguments = forwarder ? ["serve", "broker", "--forwarder"] : ["serve", "broker"];
        var process = ChildProcess.Start(forwarder ? "broker-forwarder" : "broker", context.HarnessDll, arguments, new Dictionary<string, string>(), context.LogDirectory);
        var ready = await process.WaitForLogLineAsync("READY ", TimeSpan.FromSeconds(60));
        return (process, ready["READY ".Length..].Trim());
    }
}
