using PetStore.Cedar;

[assembly: AssemblyFixture(typeof(PetStore.Cedar.Tests.CedarFixture))]

namespace PetStore.Cedar.Tests;

/// <summary>One Cedar engine per test run, with the repository's cedar/ loaded and validated, and the pinned policies.</summary>
public sealed class CedarFixture : IDisposable
{
    public CedarFixture()
    {
        Tools = NodeTools.NodeTools.Locate();
        Engine = CedarEngine.Start(Tools);
        CedarDirectory = Path.Combine(Tools.RepositoryRoot, "cedar");
        Definition = PolicyStoreFiles.Load(CedarDirectory, Engine);
        Decisions = new CedarDecisions(Engine, Definition);
        PinnedDirectory = Testing.TestCedar.Copy(Tools.RepositoryRoot);
        Pinned = PolicyStoreFiles.Load(PinnedDirectory, Engine);
    }

    public NodeTools.NodeTools Tools { get; }
    public CedarEngine Engine { get; }
    public string CedarDirectory { get; }
    public PolicyStoreDefinition Definition { get; }
    public CedarDecisions Decisions { get; }

    /// <summary>The schema with the policies the tests pin (<see cref="Testing.TestCedar"/>): for tests of what the engine, the plan and the examples do, which must not follow the authors' edits.</summary>
    public string PinnedDirectory { get; }
    public PolicyStoreDefinition Pinned { get; }

    public void Dispose()
    {
        Engine.Dispose();
        Directory.Delete(Path.GetDirectoryName(PinnedDirectory)!, recursive: true);
    }
}
