using Jericommerce.Streams.Testing;

[assembly: AssemblyFixture(typeof(BrokerFixture))]
