using PetStore.Aws;

namespace PetStore.Tenants;

/// <summary>
/// Tenants' Cognito app clients over the user pools' JSON 1.1 protocol (signed): confidential clients with only the
/// client-credentials grant and the API scope, and no user sign-in flow (<see cref="AuthFlows"/>).
/// </summary>
public sealed class CognitoTenantClients(AwsJsonClient api) : ITenantClients
{
    /// <summary>The explicit auth flows of a tenant's client: none a user could sign in with.</summary>
    public static readonly IReadOnlyList<string> AuthFlows = ["ALLOW_REFRESH_TOKEN_AUTH"];

    public async Task<string?> FindClientAsync(string userPoolId, string name, CancellationToken cancellationToken = default)
    {
        string? next = null;
        do
        {
            var page = await api.CallAsync("ListUserPoolClients", new ListClientsRequest(userPoolId, 60, next),
                TenantsCognitoJson.Default.ListClientsRequest, TenantsCognitoJson.Default.ListClientsResponse, cancellationToken);
            if (page.UserPoolClients?.FirstOrDefault(c => c.ClientName == name) is { } found) return found.ClientId;
            next = page.NextToken;
        } while (next is not null);
        return null;
    }

    public async Task<string> CreateClientAsync(string userPoolId, string name, CancellationToken cancellationToken = default)
    {
        var created = await api.CallAsync("CreateUserPoolClient", new CreateClientRequest(userPoolId, name),
            TenantsCognitoJson.Default.CreateClientRequest, TenantsCognitoJson.Default.CreateClientResponse, cancellationToken);
        return created.UserPoolClient?.ClientId ?? throw new TenantsException("Cognito created a client but returned no client id.");
    }

    public Task DeleteClientAsync(string userPoolId, string clientId, CancellationToken cancellationToken = default) =>
        api.CallAsync("DeleteUserPoolClient", new DeleteClientRequest(userPoolId, clientId),
            TenantsCognitoJson.Default.DeleteClientRequest, TenantsCognitoJson.Default.Empty, cancellationToken);
}
