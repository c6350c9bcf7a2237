using System.Text.Json;
using PetStore.Contract;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Logging;
using PetStore.Lambdas.Pets;

namespace PetStore.Testing;

/// <summary>The stores of cdk.json's dev environment as tests use them, and callers as the authorizer hands them to a function.</summary>
public static class TestPrincipals
{
    public static readonly IReadOnlyList<Store> Stores = [new("downtown", "Downtown"), new("uptown", "Uptown")];

    public static CallerPrincipal Person(string username, IReadOnlyList<string> groups, params string[] stores) =>
        new($"eu-west-1_Users|sub-{username}", username, "Users", CedarAction.KindOf(CallerKind.Person), groups, stores);

    /// <summary><c>requestContext.authorizer</c> as API Gateway passes the authorizer's answer on: its principalId and its context.</summary>
    public static Dictionary<string, JsonElement> AuthorizerContext(CallerPrincipal principal) =>
        new[] { KeyValuePair.Create("principalId", principal.Id) }.Concat(principal.ToContext())
            .Append(KeyValuePair.Create("tenant", ""))
            .ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value));

    /// <summary>The pets routes over <paramref name="pets"/>, deciding with <paramref name="permissions"/> (default: a fake that allows everything).</summary>
    public static PetsApi PetsApi(IPetRepository pets, JsonLog log, IVerifiedPermissions? permissions = null, Func<string>? newId = null)
    {
        var decisions = new ResourcePermissions(permissions ?? new FakeVerifiedPermissions(), "test-policy-store", log);
        return newId is null ? new PetsApi(pets, decisions, Stores, log) : new PetsApi(pets, decisions, Stores, log, newId);
    }
}
