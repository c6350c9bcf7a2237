using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Aws;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.Pets;

/// <summary>The pets routes: validation, then one repository call, then the response the contract names.</summary>
public sealed class PetsApi(IPetRepository pets, JsonLog log, Func<string> newId)
{
    private const int CreateAttempts = 3;

    public PetsApi(IPetRepository pets, JsonLog log) : this(pets, log, () => Guid.CreateVersion7().ToString("D")) { }

    public async Task<ProxyResponse> HandleAsync(ProxyRequest request)
    {
        try
        {
            return await RoutedRequest.DispatchAsync(request, routed => routed.Route.Operation switch
            {
                RouteTable.Operations.ListPets => ListAsync(routed.Request),
                RouteTable.Operations.CreatePet => CreateAsync(routed.Request),
                RouteTable.Operations.GetPet => GetAsync(routed.Parameter("petId")),
                RouteTable.Operations.DeletePet => DeleteAsync(routed.Parameter("petId")),
                _ => Task.FromResult(ApiResult.NotFound($"No route for {request.HttpMethod} {request.Resource}.")),
            });
        }
        catch (Exception e) when (AwsServiceException.IsUnavailable(e))
        {
            log.Error("Pets table unavailable", ("errorType", e is AwsServiceException aws ? aws.ErrorType : e.GetType().Name));
            return ApiResult.Unavailable("pets table");
        }
    }

    private async Task<ProxyResponse> ListAsync(ProxyRequest request)
    {
        var query = PetRequests.ParseListQuery(request);
        if (!query.IsValid) return ApiResult.BadRequest(query.Error!);

        var page = await pets.ListAsync(query.Value.Limit, query.Value.StartAfterId);
        var token = page.LastId is null ? null : PetRequests.EncodePageToken(page.LastId);
        return ApiResult.Json(200, new PetListBody(page.Pets, token), LambdaJson.Default.PetListBody);
    }

    private async Task<ProxyResponse> CreateAsync(ProxyRequest request)
    {
        var input = PetRequests.ParseNewPet(request);
        if (!input.IsValid) return ApiResult.BadRequest(input.Error!);

        // A fresh UUIDv7 colliding is next to impossible, but a collision must never overwrite a pet.
        for (var attempt = 1; attempt <= CreateAttempts; attempt++)
        {
            var pet = new Pet(newId(), input.Value!.Type, input.Value.Price);
            if (await pets.TryCreateAsync(pet))
            {
                log.Info("Pet created", ("petId", pet.Id));
                return ApiResult.Json(201, new PetCreatedBody(pet, "success"), LambdaJson.Default.PetCreatedBody);
            }
            log.Warn("Pet id collision", ("petId", pet.Id), ("attempt", attempt));
        }
        return ApiResult.Message(503, "Could not allocate a pet id; retry the request.");
    }

    private async Task<ProxyResponse> GetAsync(string id)
    {
        var pet = await pets.GetAsync(id);
        return pet is null
            ? ApiResult.NotFound($"Pet {id} not found.")
            : ApiResult.Json(200, pet, LambdaJson.Default.Pet);
    }

    private async Task<ProxyResponse> DeleteAsync(string id)
    {
        if (!await pets.TryDeleteAsync(id)) return ApiResult.NotFound($"Pet {id} not found.");
        log.Info("Pet deleted", ("petId", id));
        return ApiResult.NoContent();
    }
}
