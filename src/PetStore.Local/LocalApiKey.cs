namespace PetStore.Local;

/// <summary>An API key: the value is what an authorizer returns as <c>usageIdentifierKey</c>.</summary>
public sealed record LocalApiKey(string Id, string Name, string Value, bool Enabled, string? Description);
