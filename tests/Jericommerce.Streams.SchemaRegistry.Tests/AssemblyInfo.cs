using Jericommerce.Streams.Testing.Registry;

[assembly: AssemblyFixture(typeof(SchemaRegistryFixture))]
