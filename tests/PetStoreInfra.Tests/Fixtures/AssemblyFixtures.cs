[assembly: AssemblyFixture(typeof(PetStoreInfra.Tests.Fixtures.DevApp))]
[assembly: AssemblyFixture(typeof(PetStoreInfra.Tests.Fixtures.ProdApp))]
[assembly: AssemblyFixture(typeof(PetStoreInfra.Tests.Fixtures.VariantApp))]
[assembly: AssemblyFixture(typeof(PetStoreInfra.Tests.Fixtures.PathParameterPolicyApp))]

// The jsii runtime behind every CDK call is one Node process with a single, non-thread-safe channel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
