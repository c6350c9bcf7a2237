using PetStore.Contract;
using PetStore.Lambdas.Admin;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Pets;

namespace PetStore.Testing;

/// <summary>
/// Calls a route's real handler with path parameters as API Gateway delivered them and reports what it acted on: the
/// pet id the pets function read or deleted, the path the admin function answered for; null when it acted on nothing.
/// </summary>
public static class HandlerProbe
{
    public static async Task<(int Status, string? ActedOn)> ActedOnAsync(Route route, string verb, IReadOnlyDictionary<string, string> delivered)
    {
        var request = new ProxyRequest
        {
            HttpMethod = verb,
            Resource = route.Path,
            Path = route.Path,
            PathParameters = delivered.ToDictionary(),
            RequestContext = new ProxyRequestContext { RequestId = "probe" },
        };
        switch (route.Backend)
        {
            case Backend.Pets:
                var pets = new RecordingPets();
                var response = await new PetsApi(pets, new RecordingLog().Log).HandleAsync(request);
                return (response.StatusCode, pets.Ids.SingleOrDefault());
            case Backend.Admin:
                var answer = await AdminApi.HandleAsync(request);
                const string prefix = "\"User authorized for /admin/";
                var body = answer.Body;
                return answer.StatusCode == 200 && body.Contains(prefix)
                    ? (200, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()![(prefix.Length - 1)..])
                    : (answer.StatusCode, null);
            default:
                throw new NotSupportedException($"{route}: the probe does not know what the {route.Backend} function acts on; teach it.");
        }
    }

    /// <summary>A pets table that records the id each read or delete names, and holds nothing.</summary>
    private sealed class RecordingPets : IPetRepository
    {
        public List<string> Ids { get; } = [];
        public Task<bool> TryCreateAsync(Pet pet, CancellationToken cancellationToken = default) => Task.FromResult(true);
        public Task<Pet?> GetAsync(string id, CancellationToken cancellationToken = default) { Ids.Add(id); return Task.FromResult<Pet?>(null); }
        public Task<PetPage> ListAsync(int limit, string? startAfterId, CancellationToken cancellationToken = default) => Task.FromResult(new PetPage([], null));
        public Task<bool> TryDeleteAsync(string id, CancellationToken cancellationToken = default) { Ids.Add(id); return Task.FromResult(false); }
    }
}
