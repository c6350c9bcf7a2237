using Amazon.CDK;
using PetStoreInfra.Stacks;

namespace PetStoreInfra;

/// <summary>The app's stacks, as <see cref="PetStoreApp.Build"/> wires them.</summary>
public sealed record PetStoreStacks(
    DataStack Data, IdentityStack Identity, AuthorizationStack Authorization, ApiStack Api,
    EdgeStack Edge, PerimeterStack Perimeter, OperationsStack Operations)
{
    public IReadOnlyList<Stack> All => [Data, Identity, Authorization, Api, Edge, Perimeter, Operations];
}
