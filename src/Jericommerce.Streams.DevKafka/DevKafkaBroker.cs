using System.Net;

namespace Jericommerce.Streams.DevKafka;

/// <summary>One broker of a dev cluster: its id, the address clients use, and the mock's own listener.</summary>
public sealed record DevKafkaBroker(int Id, IPEndPoint Address, IPEndPoint Listener);
