using Route = PetStore.Contract.Route;

namespace PetStore.Local;

/// <summary>A request as the Lambda authorizer step of API Gateway sees it.</summary>
public sealed record GatewayRequest(
    Route Route, string Method, string Path, IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> PathParameters, string MethodArn, string RequestId);
