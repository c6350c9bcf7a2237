namespace PetStore.Tenants;

/// <summary>Cognito app clients for tenants' machine clients (client-credentials grant, the API scope).</summary>
public interface ITenantClients
{
    /// <summary>The id of the pool's app client with this name, if there is one.</summary>
    Task<string?> FindClientAsync(string userPoolId, string name, CancellationToken cancellationToken = default);
    Task<string> CreateClientAsync(string userPoolId, string name, CancellationToken cancellationToken = default);
    Task DeleteClientAsync(string userPoolId, string clientId, CancellationToken cancellationToken = default);
}
