using PetStore.Contract;
using PetStore.Aws;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;

namespace PetStore.Lambdas.Tests.Pets;

/// <summary>
/// The pets function's IAM grant is <see cref="PetsTableAccess.Operations"/>: every call the repository makes must be
/// in it (neither dynalite nor the in-memory repository enforces IAM, so nothing else would notice a missing grant),
/// and nothing in it may go unused.
/// </summary>
public class PetsTableGrantTests
{
    /// <summary>An argument for each parameter type of the repository's methods.</summary>
    private static object? ArgumentFor(System.Reflection.ParameterInfo parameter) => parameter.ParameterType switch
    {
        var t when t == typeof(string) => "p-1",
        var t when t == typeof(int) => 10,
        var t when t == typeof(Pet) => new Pet("p-1", "dog", 1m, "downtown", "available"),
        var t when t == typeof(CancellationToken) => CancellationToken.None,
        var t => throw new NotSupportedException($"Give {nameof(ArgumentFor)} an argument of type {t.Name} ({parameter.Name})."),
    };

    [Fact]
    public async Task The_repository_makes_exactly_the_calls_the_pets_function_is_granted()
    {
        var wire = new CapturingHandler();
        var repository = new DynamoPetRepository(
            new AwsJsonClient(new HttpClient(wire), new Uri("http://127.0.0.1:9/"), DynamoDb.TargetPrefix, DynamoDb.JsonVersion), "pets", "downtown");

        // Every method of the contract, so that a new one is recorded without touching this test.
        foreach (var method in typeof(IPetRepository).GetMethods())
            await (Task)method.Invoke(repository, [.. method.GetParameters().Select(ArgumentFor)])!;

        var made = wire.Requests.Select(r => r.Headers["X-Amz-Target"].Split('.')[1]).Distinct();
        Assert.Equal(PetsTableAccess.Operations.Order(), made.Order());
    }
}
