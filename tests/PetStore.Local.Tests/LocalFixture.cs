[assembly: AssemblyFixture(typeof(PetStore.Local.Tests.LocalFixture))]

// One shared local instance; the policy-editing test changes what others would see.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PetStore.Local.Tests;

/// <summary>One running local mode for the whole test run.</summary>
public sealed class LocalFixture : IAsyncLifetime
{
    public LocalProcess Local { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Local = await LocalProcess.StartAsync();

    public ValueTask DisposeAsync() => Local.DisposeAsync();
}
