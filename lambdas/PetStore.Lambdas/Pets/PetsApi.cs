using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Aws;
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
            // A write that got no answer may have happened: say how to retry without doing it twice.
            return ApiResult.Unavailable("pets table", RouteTable.Find(request.HttpMethod, request.Resource)?.Operation switch
            {
                RouteTable.Operations.CreatePet when request.Header(PetRequests.IdempotencyKeyHeader) is not null =>
                    "The pet may have been created: retry with the same Idempotency-Key, which creates it at most once.",
                RouteTable.Operations.CreatePet =>
                    "The pet may have been created: list the pets before you retry, or send an Idempotency-Key header so that a retry creates it at most once.",
                RouteTable.Operations.DeletePet => "Retry the request: a 404 then means the first attempt deleted the pet.",
                _ => null,
            });
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
        var key = PetRequests.ParseIdempotencyKey(request);
        if (!key.IsValid) return ApiResult.BadRequest(key.Error!);
        if (key.Value is { } idempotencyKey) return await CreateOnceAsync(input.Value!, PetRequests.IdFor(request.PrincipalId ?? "", idempotencyKey));

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

    /// <summary>
    /// The pet with the id an Idempotency-Key gives: created now, or found as an earlier attempt created it (the same
    /// answer again, marked replayed); another pet under that id means the key was used for something else (409).
    /// </summary>
    private async Task<ProxyResponse> CreateOnceAsync(NewPet input, string id)
    {
        var pet = new Pet(id, input.Type, input.Price);
        if (await pets.TryCreateAsync(pet))
        {
            log.Info("Pet created", ("petId", pet.Id), ("idempotent", true));
            return ApiResult.Json(201, new PetCreatedBody(pet, "success"), LambdaJson.Default.PetCreatedBody);
        }
        var existing = await pets.GetAsync(id);
        if (existing != pet)
            return ApiResult.Message(409, "This Idempotency-Key was already used to create a different pet; use a new key for a new pet.");
        log.Info("Pet creation replayed", ("petId", pet.Id));
        var replayed = ApiResult.Json(201, new PetCreatedBody(pet, "success"), LambdaJson.Default.PetCreatedBody);
        replayed.Headers["Idempotent-Replayed"] = "true";
        return replayed;
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
