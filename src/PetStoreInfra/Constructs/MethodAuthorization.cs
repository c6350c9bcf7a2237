using Amazon.CDK.AWS.APIGateway;
using PetStore.Contract;

namespace PetStoreInfra.Constructs;

/// <summary>How one <see cref="Access"/> level is enforced on a method.</summary>
public sealed record MethodAuthorization(IAuthorizer Authorizer, IReadOnlyList<string> Scopes);
