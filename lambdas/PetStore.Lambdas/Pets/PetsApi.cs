using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.Pets;

/// <summary>The pets routes: validation, then one repository call, then the response the contract names.</summary>
public sealed class PetsApi(IPetRepository pets, JsonLog log, Func<string> newId)
{
    private const int CreateAttempts = 3;

    public PetsApi(IPetRepository pets, JsonLog log) : this(pets, log, () => Guid.CreateVersion7().ToString("D")) { }

    public Task<ProxyResponse> HandleAsync(ProxyRequest request) =>
        RouteTable.Find(request.HttpMethod, request.Resource)?.Operation switch
        {
            RouteTable.Operations.ListPets => ListAsync(request),
            RouteTable.Operations.CreatePet => CreateAsync(request),
            RouteTable.Operations.GetPet => GetAsync(request),
            RouteTable.Operations.DeletePet => DeleteAsync(request),
            _ => Task.FromResult(ApiResult.NotFound($"No route for {request.HttpMethod} {request.Resource}.")),
        };

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

    private async Task<ProxyResponse> GetAsync(ProxyRequest request)
    {
        var id = PetRequests.ParsePetId(request.PathParameter("petId"));
        if (!id.IsValid) return ApiResult.BadRequest(id.Error!);

        var pet = await pets.GetAsync(id.Value!);
        return pet is null
            ? ApiResult.NotFound($"Pet {id.Value} not found.")
            : ApiResult.Json(200, pet, LambdaJson.Default.Pet);
    }

    private async Task<ProxyResponse> DeleteAsync(ProxyRequest request)
    {
        var id = PetRequests.ParsePetId(request.PathParameter("petId"));
        if (!id.IsValid) return ApiResult.BadRequest(id.Error!);

        if (!await pets.TryDeleteAsync(id.Value!)) return ApiResult.NotFound($"Pet {id.Value} not found.");
        log.Info("Pet deleted", ("petId", id.Value));
        return ApiResult.NoContent();
    }
}
