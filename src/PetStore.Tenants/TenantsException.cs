namespace PetStore.Tenants;

/// <summary>A command that cannot be done as asked; the message says why and what to do.</summary>
public sealed class TenantsException(string message) : Exception(message);
