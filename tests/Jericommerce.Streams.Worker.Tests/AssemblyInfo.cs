[assembly: AssemblyFixture(typeof(BrokerFixture))]
