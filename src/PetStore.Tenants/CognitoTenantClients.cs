using System.Text.Json.Serialization;
using PetStore.Contract;
using PetStore.Lambdas.Aws;

namespace PetStore.Tenants;

/// <summary>
/// Tenants' Cognito app clients over the user pools' JSON 1.1 protocol (signed): confidential clients with only the
/// client-credentials grant and the API scope, no user sign-in flows, as the compliance rules want app clients.
/// </summary>
public sealed class CognitoTenantClients(AwsJsonClient api) : ITenantClients
{
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

public sealed record ListClientsRequest(string UserPoolId, int MaxResults, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextToken);

public sealed record ClientDescription(string ClientId, string ClientName);

public sealed record ListClientsResponse(IReadOnlyList<ClientDescription>? UserPoolClients, string? NextToken);

public sealed record CreateClientRequest(string UserPoolId, string ClientName)
{
    public bool GenerateSecret => true;
    public IReadOnlyList<string> AllowedOAuthFlows => ["client_credentials"];
    public bool AllowedOAuthFlowsUserPoolClient => true;
    public IReadOnlyList<string> AllowedOAuthScopes => [ApiScope.FullName];
    public IReadOnlyList<string> SupportedIdentityProviders => ["COGNITO"];
    public string PreventUserExistenceErrors => "ENABLED";
    public bool EnableTokenRevocation => true;
}

public sealed record CreatedClient(string ClientId);

public sealed record CreateClientResponse(CreatedClient? UserPoolClient);

public sealed record DeleteClientRequest(string UserPoolId, string ClientId);

public sealed record EmptyResponse;

[JsonSerializable(typeof(ListClientsRequest))]
[JsonSerializable(typeof(ListClientsResponse))]
[JsonSerializable(typeof(CreateClientRequest))]
[JsonSerializable(typeof(CreateClientResponse))]
[JsonSerializable(typeof(DeleteClientRequest))]
[JsonSerializable(typeof(EmptyResponse), TypeInfoPropertyName = "Empty")]
internal sealed partial class TenantsCognitoJson : JsonSerializerContext;
