using System.Text.Json;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Users;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Fixtures;

/// <summary>
/// The pets and users functions called through their Stream entry points, as the Lambda runtime calls them, over
/// recording fakes: so a test sees a 500 where the runtime would, and can tell whether anything was written.
/// </summary>
public sealed class FunctionHost
{
    private readonly PetsFunction _pets;
    private readonly UsersFunction _users;

    public FunctionHost(ICognitoClient? cognito = null)
    {
        _pets = new PetsFunction(TestPrincipals.PetsApi(Pets, Log.Log), Log.Log);
        _users = new UsersFunction(new UsersApi(cognito ?? Cognito, SignUpConfirmation.Auto, Log.Log), Log.Log);
    }

    public InMemoryPetRepository Pets { get; } = new();
    public FakeCognito Cognito { get; } = new();
    public RecordingLog Log { get; } = new();

    /// <summary>Cognito calls that could change the pool (everything but sign-in).</summary>
    public IEnumerable<string> CognitoWrites => Cognito.Calls.Where(c => !c.StartsWith("InitiateAuth", StringComparison.Ordinal));

    public async Task<ProxyResponse> SendAsync(ProxyRequest request)
    {
        var route = RouteTable.Find(request.HttpMethod, request.Resource) ?? throw new ArgumentException($"No route {request.HttpMethod} {request.Resource}");
        Func<Stream, Task<Stream>> function = route.Backend switch
        {
            Backend.Pets => _pets.HandleAsync,
            Backend.Users => _users.HandleAsync,
            _ => throw new ArgumentException($"No function for {route.Backend}"),
        };
        var output = await function(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(request, LambdaJson.Default.ProxyRequest)));
        return (await JsonSerializer.DeserializeAsync(output, LambdaJson.Default.ProxyResponse))!;
    }

    public Task<ProxyResponse> PostAsync(string resource, string body) => SendAsync(ProxyRequests.For("POST", resource, body));
}
