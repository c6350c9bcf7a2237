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
    public IReadOnlyList<string> AllowedOAuthFlows => ["client_credentials"];
    public bool AllowedOAuthFlowsUserPoolClient => true;
    public IReadOnlyList<string> AllowedOAuthScopes => [ApiScope.FullName];
    public IReadOnlyList<string> SupportedIdentityProviders => ["COGNITO"];
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
