using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Aws;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Logging;

namespace PetStore.Lambdas.Pets;

/// <summary>
/// The pets routes: validation; on a resource route, the decision on the resource (the store a pet goes to, the pet as
/// it is), made by the policies; then the repository call, and the response the contract names.
/// </summary>
public sealed class PetsApi(IPetRepository pets, ResourcePermissions permissions, IReadOnlyList<Store> stores, JsonLog log, Func<string> newId)
{
    private const int CreateAttempts = 3;

    public PetsApi(IPetRepository pets, ResourcePermissions permissions, IReadOnlyList<Store> stores, JsonLog log)
        : this(pets, permissions, stores, log, () => Guid.CreateVersion7().ToString("D")) { }

    public Task<ProxyResponse> HandleAsync(ProxyRequest request) => RoutedRequest.DispatchDataAsync(request, routed => routed.Route.Operation switch
    {
        RouteTable.Operations.ListPets => ListAsync(routed.Request),
        RouteTable.Operations.CreatePet => CreateAsync(routed),
        RouteTable.Operations.GetPet => GetAsync(routed.Parameter("petId")),
        RouteTable.Operations.UpdatePet => UpdateAsync(routed),
        RouteTable.Operations.DeletePet => DeleteAsync(routed.Parameter("petId")),
        _ => Task.FromResult(ApiResult.NotFound($"No route for {request.HttpMethod} {request.Resource}.")),
    }, log, "pets table", "Pets table unavailable", operation => operation switch
    {
        RouteTable.Operations.CreatePet when request.Header(PetRequests.IdempotencyKeyHeader) is not null =>
            "The pet may have been created: retry with the same Idempotency-Key, which creates it at most once.",
        RouteTable.Operations.CreatePet =>
            "The pet may have been created: list the pets before you retry, or send an Idempotency-Key header so that a retry creates it at most once.",
        RouteTable.Operations.DeletePet => "Retry the request: a 404 then means the first attempt deleted the pet.",
        RouteTable.Operations.UpdatePet => "The change may have been made: read the pet before you retry.",
        _ => null,
    });

    private async Task<ProxyResponse> ListAsync(ProxyRequest request)
    {
        var query = ListQuery.Parse(request);
        if (!query.IsValid) return ApiResult.BadRequest(query.Error!);
        if (query.Value.Order != PageOrder.Table) return ApiResult.BadRequest("nextToken is not a token of this list.");

        var page = await pets.ListAsync(query.Value.Limit, query.Value.StartAfterId);
        var token = page.LastId is null ? null : ListQuery.EncodePageToken(page.LastId);
        return ApiResult.Json(200, new PetListBody(page.Pets, token), LambdaJson.Default.PetListBody);
    }

    private async Task<ProxyResponse> CreateAsync(RoutedRequest routed)
    {
        var request = routed.Request;
        var input = PetRequests.ParseNewPet(request, stores);
        if (!input.IsValid) return ApiResult.BadRequest(input.Error!);
        var key = PetRequests.ParseIdempotencyKey(request);
        if (!key.IsValid) return ApiResult.BadRequest(key.Error!);
        if (await Refused(routed, PetEntities.NewPetIn(input.Value!, stores), $"You may not add pets to store {input.Value!.StoreId}.") is { } refused)
            return refused;
        if (key.Value is { } idempotencyKey) return await CreateOnceAsync(input.Value!, PetRequests.IdFor(request.PrincipalId ?? "", idempotencyKey));

        // A fresh UUIDv7 colliding is next to impossible, but a collision must never overwrite a pet.
        for (var attempt = 1; attempt <= CreateAttempts; attempt++)
        {
            var pet = input.Value!.ToPet(newId());
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
        var pet = input.ToPet(id);
        if (await pets.TryCreateAsync(pet))
        {
            log.Info("Pet created", ("petId", pet.Id), ("idempotent", true));
            return ApiResult.Json(201, new PetCreatedBody(pet, "success"), LambdaJson.Default.PetCreatedBody);
        }
        // As created (version 1), the whole pet must match; changed since (PATCH), only what never changes can.
        var existing = await pets.GetAsync(id);
        if (existing is null || (existing.Version == pet.Version ? existing != pet : (existing.Type, existing.StoreId) != (pet.Type, pet.StoreId)))
            return ApiResult.Message(409, "This Idempotency-Key was already used to create a different pet; use a new key for a new pet.");
        log.Info("Pet creation replayed", ("petId", pet.Id));
        var replayed = ApiResult.Json(201, new PetCreatedBody(existing, "success"), LambdaJson.Default.PetCreatedBody);
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

    /// <summary>
    /// Changes a pet as it was when decided on: the policies see it as read, and the write applies only if it is still
    /// that version (else 409, nothing written).
    /// </summary>
    private async Task<ProxyResponse> UpdateAsync(RoutedRequest routed)
    {
        var change = PetRequests.ParsePetChange(routed.Request);
        if (!change.IsValid) return ApiResult.BadRequest(change.Error!);
        var id = routed.Parameter("petId");
        if (await pets.GetAsync(id) is not { } pet) return ApiResult.NotFound($"Pet {id} not found.");
        if (await Refused(routed, PetEntities.Change(pet, change.Value!, stores), $"You may not make this change to pet {id}.") is { } refused)
            return refused;
        var changed = change.Value!.ApplyTo(pet);
        if (!await pets.TryReplaceAsync(pet, changed))
            return ApiResult.Message(409, $"Pet {id} was changed or deleted while this change was decided; read it and retry.");
        log.Info("Pet changed", ("petId", id), ("status", changed.Status));
        return ApiResult.Json(200, changed with { Version = pet.Version + 1 }, LambdaJson.Default.Pet);
    }

    /// <summary>The policies' decision on the resource: null if allowed, else the 403 to answer.</summary>
    private async Task<ProxyResponse?> Refused(RoutedRequest routed, DecisionResource resource, string message) =>
        await permissions.DecideAsync(routed, resource) == ResourceDecision.Allow ? null : ApiResult.Message(403, message);

    private async Task<ProxyResponse> DeleteAsync(string id)
    {
        if (!await pets.TryDeleteAsync(id)) return ApiResult.NotFound($"Pet {id} not found.");
        log.Info("Pet deleted", ("petId", id));
        return ApiResult.NoContent();
    }
}
