namespace PetStore.Cedar;

/// <summary>A request Verified Permissions would refuse with a ValidationException (it does not match the schema).</summary>
public sealed class CedarRequestException(string message) : Exception(message);
