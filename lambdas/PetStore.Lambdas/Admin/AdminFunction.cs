using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.Admin;

/// <summary>Lambda entry point of ANY /admin/{proxy+}. Handler: <c>PetStore.Lambdas::PetStore.Lambdas.Admin.AdminFunction::HandleAsync</c>.</summary>
public sealed class AdminFunction(JsonLog log)
{
    public AdminFunction() : this(JsonLog.ForFunction()) { }

    public Task<Stream> HandleAsync(Stream input) => ProxyEntryPoint.HandleAsync(input, AdminApi.HandleAsync, log);
}
