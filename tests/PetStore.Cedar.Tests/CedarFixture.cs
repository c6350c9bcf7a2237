using PetStore.Cedar;

[assembly: AssemblyFixture(typeof(PetStore.Cedar.Tests.CedarFixture))]

namespace PetStore.Cedar.Tests;

/// <summary>One Cedar engine per test run, with the repository's cedar/ loaded and validated.</summary>
public sealed class CedarFixture : IDisposable
{
    public CedarFixture()
    {
        Tools = NodeTools.NodeTools.Locate();
        Engine = CedarEngine.Start(Tools);
        CedarDirectory = Path.Combine(Tools.RepositoryRoot, "cedar");
        Definition = PolicyStoreFiles.Load(CedarDirectory, Engine);
        Decisions = new CedarDecisions(Engine, Definition);
    }

    public NodeTools.NodeTools Tools { get; }
    public CedarEngine Engine { get; }
    public string CedarDirectory { get; }
    public PolicyStoreDefinition Definition { get; }
    public CedarDecisions Decisions { get; }

    public void Dispose() => Engine.Dispose();
}
