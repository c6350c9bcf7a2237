using PetStore.Cedar;
using PetStore.Configuration;

namespace PetStoreInfra;

/// <summary>
/// Reads cedar/ for deployment: every policy validated (STRICT) against the schema by the Cedar engine, and the
/// schema's actions checked against the route table. Any problem fails synth naming its file and line.
/// </summary>
public static class CedarFiles
{
    public static PolicyStoreDefinition Load(RepositoryLayout layout, PetStore.NodeTools.NodeTools? tools = null)
    {
        using var engine = CedarEngine.Start(tools ?? PetStore.NodeTools.NodeTools.Locate(layout.Root));
        return PolicyStoreFiles.LoadForApi(layout.CedarDirectory, engine);
    }
}
