namespace Jericommerce.Streams.DevKafka;

/// <summary>A dev cluster call that librdkafka refused.</summary>
public sealed class DevKafkaException : Exception
{
    public DevKafkaException()
    {
    }

    public DevKafkaException(string message)
        : base(message)
    {
    }

    public DevKafkaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
