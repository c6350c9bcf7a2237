namespace PetStore.Local;

/// <summary>The local user pool as the functions and the authorizer need to know it.</summary>
public sealed record LocalUserPool(string Name, string UserPoolId, string ClientId, string Issuer, Uri JwksUri);
