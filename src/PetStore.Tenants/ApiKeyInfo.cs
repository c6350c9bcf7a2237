namespace PetStore.Tenants;

/// <summary>An API key as API Gateway describes it.</summary>
public sealed record ApiKeyInfo(string Id, string Name, string Value, bool Enabled);
