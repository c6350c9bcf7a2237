namespace PetStore.Cedar;

/// <summary>One action of the schema: what it applies to and the path parameters its context declares.</summary>
public sealed record SchemaAction(
    string Id,
    IReadOnlyList<string> PrincipalTypes,
    IReadOnlyList<string> ResourceTypes,
    IReadOnlyDictionary<string, string> PathParameters,
    IReadOnlyList<string> MemberOf);
