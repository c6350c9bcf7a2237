using System.Text.Json.Serialization;
using PetStore.Contract;

namespace PetStore.Tenants;

// Cognito user pools' JSON 1.1 shapes (AWSCognitoIdentityProviderService) for tenants' app clients, with AWS's property names.

internal sealed record ListClientsRequest(string UserPoolId, int MaxResults, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextToken);

internal sealed record ClientDescription(string ClientId, string ClientName);

internal sealed record ListClientsResponse(IReadOnlyList<ClientDescription>? UserPoolClients, string? NextToken);

internal sealed record CreateClientRequest(string UserPoolId, string ClientName)
{
    public bool GenerateSecret => true;

    /// <summary>
    /// Refresh only, which the client-credentials grant never uses (it issues no refresh token): no user can sign in
    /// through a tenant's client. Left out, Cognito would allow SRP and custom sign-in (and its pre token trigger would
    /// give such a user's token the API scope).
    /// </summary>
    public IReadOnlyList<string> ExplicitAuthFlows => CognitoTenantClients.AuthFlows;
    public IReadOnlyList<string> AllowedOAuthFlows => ["client_credentials"];
    public bool AllowedOAuthFlowsUserPoolClient => true;
    public IReadOnlyList<string> AllowedOAuthScopes => [ApiScope.FullName];
    public IReadOnlyList<string> SupportedIdentityProviders => ["COGNITO"];
    /// <summary>
    /// Only email, as the people client: left out, a client may write every mutable attribute, so a tenant could sign
    /// up a user with itself as client and give it <c>custom:stores</c>.
    /// </summary>
    public IReadOnlyList<string> WriteAttributes => ["email"];
    public string PreventUserExistenceErrors => "ENABLED";
    public bool EnableTokenRevocation => true;
}

internal sealed record CreatedClient(string ClientId);

internal sealed record CreateClientResponse(CreatedClient? UserPoolClient);

internal sealed record DeleteClientRequest(string UserPoolId, string ClientId);

internal sealed record EmptyResponse;

[JsonSerializable(typeof(ListClientsRequest))]
[JsonSerializable(typeof(ListClientsResponse))]
[JsonSerializable(typeof(CreateClientRequest))]
[JsonSerializable(typeof(CreateClientResponse))]
[JsonSerializable(typeof(DeleteClientRequest))]
[JsonSerializable(typeof(EmptyResponse), TypeInfoPropertyName = "Empty")]
internal sealed partial class TenantsCognitoJson : JsonSerializerContext;
