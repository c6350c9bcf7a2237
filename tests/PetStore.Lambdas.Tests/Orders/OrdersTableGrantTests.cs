using System.Text.Json.Nodes;
using PetStore.Aws;
using PetStore.Contract;
using PetStore.Lambdas.Orders;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;

namespace PetStore.Lambdas.Tests.Orders;

/// <summary>
/// The orders function's IAM grants (<see cref="OrdersTableAccess"/>) are what its repositories call: every operation,
/// and every action inside a transaction, which IAM authorizes as the item operation it is, on the table it names.
/// </summary>
public class OrdersTableGrantTests
{
    private static readonly Pet Pet = new("p-1", "dog", 1m, "downtown", "available");
    private static readonly Order Order = new("o-1", "p-1", "downtown", "pool|a", OrderStatus.Placed, "2026-12-01T00:00:00.000Z");

    private static object? ArgumentFor(System.Reflection.ParameterInfo parameter) => parameter.ParameterType switch
    {
        var t when t == typeof(string) => "o-1",
        var t when t == typeof(int) => 10,
        var t when t == typeof(Pet) => Pet,
        var t when t == typeof(Order) => Order,
        var t when t == typeof(CancellationToken) => CancellationToken.None,
        var t => throw new NotSupportedException($"Give {nameof(ArgumentFor)} an argument of type {t.Name} ({parameter.Name})."),
    };

    [Fact]
    public async Task The_repositories_make_exactly_the_calls_the_orders_function_is_granted_on_each_table()
    {
        var wire = new CapturingHandler();
        var dynamo = new AwsJsonClient(new HttpClient(wire), new Uri("http://127.0.0.1:9/"), DynamoDb.TargetPrefix, DynamoDb.JsonVersion);
        var orders = new DynamoOrderRepository(dynamo, "orders", "pets");
        foreach (var method in typeof(IOrderRepository).GetMethods())
            await (Task)method.Invoke(orders, [.. method.GetParameters().Select(ArgumentFor)])!;
        // The pet the orders function reads, with the pets repository.
        await new DynamoPetRepository(dynamo, "pets", "downtown").GetAsync("p-1");

        var operations = wire.Requests.Select(r => (Operation: r.Headers["X-Amz-Target"].Split('.')[1], Body: JsonNode.Parse(r.Body)!)).ToList();
        Assert.Equal(OrdersTableAccess.Operations.Order(), operations.Where(o => Table(o.Body) != "pets").Select(o => o.Operation).Distinct().Order());
        // Each item operation, on the table it touches: a transaction's actions as IAM sees them.
        var itemOperations = operations.SelectMany(o => o.Operation == "TransactWriteItems"
                ? o.Body["TransactItems"]!.AsArray().Select(a => (Table: a!.AsObject().Single().Value!["TableName"]!.GetValue<string>(), Action: $"dynamodb:{a.AsObject().Single().Key}Item"))
                : [(Table: o.Body["IndexName"] is { } index ? $"{Table(o.Body)}/index/{index}" : Table(o.Body)!, Action: $"dynamodb:{o.Operation}")])
            .Where(o => o.Action != "dynamodb:TransactWriteItems").Distinct().ToList();
        Assert.Equal(OrdersTableAccess.IamActions.Order(), itemOperations.Where(o => o.Table == "orders").Select(o => o.Action).Distinct().Order());
        Assert.Equal(OrdersTableAccess.PetsIamActions.Order(), itemOperations.Where(o => o.Table == "pets").Select(o => o.Action).Distinct().Order());
        Assert.Equal(OrdersTableAccess.OwnerIndexIamActions.Order(),
            itemOperations.Where(o => o.Table == $"orders/index/{OrdersTableAccess.OwnerIndex}").Select(o => o.Action).Distinct().Order());
        Assert.Equal(3, itemOperations.Select(o => o.Table).Distinct().Count());
    }

    private static string? Table(JsonNode body) => body["TableName"]?.GetValue<string>();
}
