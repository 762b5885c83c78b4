using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Jericommerce.Streams.DevKafka;

/// <summary>
/// librdkafka's built-in mock Kafka cluster, started in this process and reachable over real TCP by
/// any Kafka client, with the controls tests need to inject faults. Not a real Kafka: it keeps about
/// 5 MiB per partition, has no CreateTopics/ListGroups, and cannot prove exactly-once guarantees.
/// </summary>
public sealed class DevKafkaCluster : IAsyncDisposable, IDisposable
{
    /// <summary>Broker id that addresses every broker in the fault-injection calls.</summary>
    public const int AllBrokers = -1;

    /// <summary>
    /// The <c>fetch.wait.max.ms</c> a consumer that should keep up should use against this broker. It answers a fetch
    /// that finds nothing new only after the whole wait (librdkafka's mock does not cut the wait short when data
    /// arrives, as Kafka does): with librdkafka's 500 ms default a caught-up consumer would hold each record up to half
    /// a second. 5 ms stands in for a real broker's long poll.
    /// </summary>
    public const string ConsumerFetchWaitMs = "5";

    /// <summary>
    /// The <c>linger.ms</c> a producer writing a busy topic should use against this broker. It answers a fetch with at
    /// most one producer batch per partition, and finds that batch by walking the partition's batches from the oldest:
    /// a topic written about one record per batch (a 1 ms linger at thousands of records a second over several
    /// partitions) is read one record per partition per fetch, and every fetch walks thousands of batches once the
    /// ~5 MiB log is full. A few milliseconds more linger makes batches of several records: fewer, longer batches to
    /// walk and more records per fetch. A real Kafka returns many batches per fetch and finds an offset through its
    /// index, so the services' production lingers stay as they are (see docs/benchmarks.md).
    /// </summary>
    public const string ProducerLingerMs = "5";

    private readonly Lock _gate = new();
    private readonly List<TcpForwarder> _forwarders;
    private IntPtr _handle;
    private IntPtr _cluster;

    private DevKafkaCluster(IntPtr handle, IntPtr cluster, IReadOnlyList<DevKafkaBroker> brokers, List<TcpForwarder> forwarders)
    {
        _handle = handle;
        _cluster = cluster;
        _forwarders = forwarders;
        Brokers = brokers;
        BootstrapServers = string.Join(',', brokers.Select(b => b.Address.ToString()));
    }

    /// <summary>The <c>bootstrap.servers</c> value for clients.</summary>
    public string BootstrapServers { get; }

    public IReadOnlyList<DevKafkaBroker> Brokers { get; }

    public static DevKafkaCluster Start(DevKafkaOptions? options = null)
    {
        options ??= new DevKafkaOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BrokerCount, 1);

        var errors = new byte[512];
        var conf = NativeMethods.ConfNew();

        // The handle only hosts the cluster; its own chatter is not wanted on the console.
        NativeMethods.ConfSet(conf, "log_level", "3", errors, (UIntPtr)errors.Length);
        var handle = NativeMethods.KafkaNew(NativeMethods.ProducerHandle, conf, errors, (UIntPtr)errors.Length);
        if (handle == IntPtr.Zero)
        {
            throw new DevKafkaException($"rd_kafka_new failed: {ReadError(errors)}");
        }

        var cluster = NativeMethods.MockClusterNew(handle, options.BrokerCount);
        if (cluster == IntPtr.Zero)
        {
            NativeMethods.KafkaDestroy(handle);
            throw new DevKafkaException("rd_kafka_mock_cluster_new failed.");
        }

        // With the default controller id (0) admin calls wait for a controller until they time out.
        NativeMethods.MockSetControllerId(cluster, 1);
        NativeMethods.MockGroupInitialRebalanceDelayMs(cluster, (int)options.InitialRebalanceDelay.TotalMilliseconds);
        NativeMethods.MockSetGroupConsumerHeartbeatIntervalMs(cluster, (int)options.GroupHeartbeatInterval.TotalMilliseconds);
        NativeMethods.MockSetGroupConsumerSessionTimeoutMs(cluster, (int)options.GroupSessionTimeout.TotalMilliseconds);
        if (options.WithoutKip848)
        {
            NativeMethods.MockSetApiVersion(cluster, (short)KafkaApiKey.ConsumerGroupHeartbeat, -1, -1);
            NativeMethods.MockSetApiVersion(cluster, (short)KafkaApiKey.ConsumerGroupDescribe, -1, -1);
        }

        var listeners = ParseBootstraps(Marshal.PtrToStringUTF8(NativeMethods.MockClusterBootstraps(cluster)) ?? "");
        if (listeners.Count != options.BrokerCount)
        {
            Destroy(handle, cluster);
            throw new DevKafkaException($"Expected {options.BrokerCount} mock brokers, got '{listeners.Count}'.");
        }

        var brokers = new List<DevKafkaBroker>(options.BrokerCount);
        var forwarders = new List<TcpForwarder>();
        try
        {
            for (var i = 0; i < listeners.Count; i++)
            {
                var id = i + 1;
                if (options.Address is null)
                {
                    brokers.Add(new DevKafkaBroker(id, listeners[i], listeners[i]));
                    continue;
                }

                var port = options.Address.Port == 0 ? 0 : options.Address.Port + i;
                var forwarder = TcpForwarder.Start(new IPEndPoint(options.Address.Address, port), listeners[i]);
                forwarders.Add(forwarder);
                var advertised = new IPEndPoint(
                    options.Address.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : options.Address.Address,
                    forwarder.LocalEndPoint.Port);
                NativeMethods.MockBrokerSetHostPort(cluster, id, advertised.Address.ToString(), advertised.Port);
                brokers.Add(new DevKafkaBroker(id, advertised, listeners[i]));
            }
        }
        catch
        {
            foreach (var forwarder in forwarders)
            {
                forwarder.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            Destroy(handle, cluster);
            throw;
        }

        var result = new DevKafkaCluster(handle, cluster, brokers, forwarders);
        foreach (var topic in options.Topics)
        {
            result.CreateTopic(topic);
        }

        return result;
    }

    /// <summary>Creates a topic; creating one that exists is not an error.</summary>
    public void CreateTopic(TopicSpec topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var err = NativeMethods.MockTopicCreate(Cluster, topic.Name, topic.Partitions, topic.ReplicationFactor);
        if (err != 0 && (ErrorCode)err != ErrorCode.TopicAlreadyExists)
        {
            throw new DevKafkaException($"Cannot create topic '{topic.Name}': {ErrorText(err)}");
        }
    }

    public void CreateTopic(string name, int partitions = 1) => CreateTopic(new TopicSpec(name, partitions));

    /// <summary>Closes the broker's connections and refuses new ones, as a crashed broker would.</summary>
    public void SetBrokerDown(int brokerId = AllBrokers) => Check(NativeMethods.MockBrokerSetDown(Cluster, brokerId), "broker down");

    public void SetBrokerUp(int brokerId = AllBrokers) => Check(NativeMethods.MockBrokerSetUp(Cluster, brokerId), "broker up");

    /// <summary>Delays every response of the broker by this round-trip time (zero removes it).</summary>
    public void SetRoundTripTime(TimeSpan rtt, int brokerId = AllBrokers) =>
        Check(NativeMethods.MockBrokerSetRtt(Cluster, brokerId, checked((int)rtt.TotalMilliseconds)), "round-trip time");

    /// <summary>The next requests of this kind, whichever broker gets them, fail with these errors in order.</summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = Array.ConvertAll(errors, e => (int)e);
        NativeMethods.MockPushRequestErrorsArray(Cluster, (short)apiKey, (UIntPtr)codes.Length, codes);
    }

    public void ClearRequestErrors(KafkaApiKey apiKey) => NativeMethods.MockClearRequestErrors(Cluster, (short)apiKey);

    /// <summary>Moves a partition's leadership; clients see NOT_LEADER and must follow.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(NativeMethods.MockPartitionSetLeader(Cluster, topic, partition, brokerId), $"leader of {topic}[{partition}]");

    /// <summary>Makes metadata report this error for the topic (NoError clears it).</summary>
    public void SetTopicError(string topic, ErrorCode error) => NativeMethods.MockTopicSetError(Cluster, topic, (int)error);

    private IntPtr Cluster
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
                return _cluster;
            }
        }
    }

    private static void Check(int err, string what)
    {
        if (err != 0)
        {
            throw new DevKafkaException($"Dev broker refused {what}: {ErrorText(err)}");
        }
    }

    private static string ErrorText(int err) =>
        $"{(ErrorCode)err} ({Marshal.PtrToStringUTF8(NativeMethods.ErrorToString(err))})";

    private static string ReadError(byte[] errors)
    {
        var end = Array.IndexOf(errors, (byte)0);
        return System.Text.Encoding.UTF8.GetString(errors, 0, end < 0 ? errors.Length : end);
    }

    private static List<IPEndPoint> ParseBootstraps(string bootstraps)
    {
        var result = new List<IPEndPoint>();
        foreach (var part in bootstraps.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            var host = part[..colon];
            var port = int.Parse(part.AsSpan(colon + 1), CultureInfo.InvariantCulture);
            result.Add(new IPEndPoint(host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host), port));
        }

        return result;
    }

    private static void Destroy(IntPtr handle, IntPtr cluster)
    {
        // The cluster lives on the handle's threads: it must go first.
        NativeMethods.MockClusterDestroy(cluster);
        NativeMethods.KafkaDestroy(handle);
    }

    public async ValueTask DisposeAsync()
    {
        IntPtr handle;
        IntPtr cluster;
        lock (_gate)
        {
            (handle, cluster) = (_handle, _cluster);
            (_handle, _cluster) = (IntPtr.Zero, IntPtr.Zero);
        }

        if (cluster == IntPtr.Zero)
        {
            return;
        }

        foreach (var forwarder in _forwarders)
        {
            await forwarder.DisposeAsync();
        }

        Destroy(handle, cluster);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
