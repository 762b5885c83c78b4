using Jericommerce.Streams.DevKafka;

namespace Jericommerce.Streams.Ingress.Tests.Support;

/// <summary>
/// The ingress with the fault settings (<see cref="Faults.Settings"/>) on a dev cluster of the test's own, which the
/// test may take down, and a client for it. Disposing stops the ingress, then the cluster.
/// </summary>
internal sealed class IsolatedIngress : IAsyncDisposable
{
    /// <summary>The raw topic, alone on the cluster.</summary>
    public const string RawTopic = "raw";

    private IsolatedIngress(DevKafkaCluster cluster, IngressApp app, HttpClient client)
    {
        Cluster = cluster;
        App = app;
        Client = client;
    }

    public DevKafkaCluster Cluster { get; }

    public IngressApp App { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the cluster and the ingress, with <paramref name="settings"/> over the fault settings.</summary>
    public static IsolatedIngress Start(BrokerFixture broker, params (string Key, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var cluster = broker.StartIsolatedDevCluster();
        IngressApp? app = null;
        try
        {
            cluster.CreateTopic(RawTopic);
            app = new IngressApp(cluster.BootstrapServers, RawTopic, Faults.Settings(settings));
            return new IsolatedIngress(cluster, app, app.CreateClient());
        }
        catch
        {
            app?.Dispose();
            cluster.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
