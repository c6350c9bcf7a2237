using System.Diagnostics.CodeAnalysis;
using PetStore.Configuration;
using PetStore.Contract;
using PetStore.Lambdas.Runtime;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Runtime;

/// <summary>
/// Each function of the manifest reads exactly the variables its description lists, and the settings builder gives
/// every one of them a value: a function created from its settings alone starts, and reads nothing else.
/// </summary>
public class FunctionManifestTests
{
    /// <summary>Variables every function may read beyond its own: set by Lambda, or only by local mode and tests.</summary>
    private static readonly string[] Ambient =
        [FunctionVariables.Region, FunctionVariables.UpstreamTimeoutMs, FunctionVariables.DynamoDbEndpoint, FunctionVariables.CognitoEndpoint, FunctionVariables.VerifiedPermissionsEndpoint];

    /// <summary>An environment that records every name a function looks up.</summary>
    private sealed class RecordingVariables(IReadOnlyDictionary<string, string> inner) : IReadOnlyDictionary<string, string>
    {
        public HashSet<string> Asked { get; } = [];
        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) { Asked.Add(key); return inner.TryGetValue(key, out value); }
        public bool ContainsKey(string key) { Asked.Add(key); return inner.ContainsKey(key); }
        public string this[string key] { get { Asked.Add(key); return inner[key]; } }
        public IEnumerable<string> Keys => inner.Keys;
        public IEnumerable<string> Values => inner.Values;
        public int Count => inner.Count;
        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => inner.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>What the deployment would give, shaped as the functions parse it.</summary>
    private static readonly IReadOnlyDictionary<string, string> Deployed = new Dictionary<string, string>
    {
        [FunctionVariables.UserPoolId] = TestTokens.PoolId,
        [FunctionVariables.UserPoolClientId] = "client",
        [FunctionVariables.TrustedIssuers] = TrustedIssuers.ToJson([new TestTokens().Pool]),
        [FunctionVariables.PetsTableName] = "Pets",
        [FunctionVariables.OrdersTableName] = "Orders",
        [FunctionVariables.OrdersListPlan] = new ListPlan(false, [Groups.Owners]).ToJson(),
        [FunctionVariables.PolicyVersion] = "0123456789ab",
        [FunctionVariables.TenantsTableName] = "Tenants",
        [FunctionVariables.PolicyStoreId] = "ps",
        [FunctionVariables.PolicyScopes] = PolicyScopes.ToJson(RouteTable.All.Where(r => r.Access == Access.Policy).ToDictionary(r => r, _ => DecisionCacheRule.Plan([], 120))),
    };

    public FunctionManifestTests()
    {
        // Lambda gives every function credentials in its environment; the signed clients read them at start.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "test");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "test");
    }

    public static TheoryData<string> Functions => new(ApiManifest.Functions.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Functions))]
    public void A_function_reads_exactly_the_variables_its_description_lists(string name)
    {
        var function = ApiManifest.Functions.Single(f => f.Name == name);
        var config = ConfigLoader.FromCdkJson(Path.Combine(RepositoryLayout.Find(AppContext.BaseDirectory).Root, "cdk.json"), "dev");
        var variables = new RecordingVariables(FunctionSettings.For(function, config, Deployed)
            .Append(KeyValuePair.Create(FunctionVariables.Region, "eu-west-1")).ToDictionary());

        FunctionEntryPoints.Create(function.Handler, new FunctionEnvironment(variables));

        Assert.Equal(function.Variables.Order(), variables.Asked.Except(Ambient).Order());
    }

    [Fact]
    public void Every_function_has_a_unique_name_type_and_construct_id_and_each_route_backend_one_function()
    {
        Assert.Equal(ApiManifest.Functions.Count, ApiManifest.Functions.Select(f => f.Name).Distinct().Count());
        Assert.Equal(ApiManifest.Functions.Count, ApiManifest.Functions.Select(f => f.Type).Distinct().Count());
        foreach (var backend in RouteTable.All.Select(r => r.Backend).Where(b => b != Backend.Mock).Distinct())
            Assert.Equal(FunctionRole.Route, Assert.Single(ApiManifest.Functions, f => f.Backend == backend).Role);
        Assert.All(ApiManifest.Functions.Where(f => f.Role == FunctionRole.Route), f => Assert.NotEmpty(f.Routes));
    }

    [Fact]
    public void Every_granted_service_has_an_endpoint_local_mode_can_point_at_a_stand_in()
    {
        foreach (var service in ApiManifest.Functions.SelectMany(f => f.Services).Distinct())
            Assert.StartsWith("AWS_ENDPOINT_URL_", FunctionVariables.EndpointFor(service));
    }
}
