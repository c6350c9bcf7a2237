using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PetStore.Contract;
using PetStore.Aws;
using PetStore.Lambdas.Tenants;
using PetStore.Lambdas.Tests.Fixtures;

namespace PetStore.Lambdas.Tests.Tenants;

/// <summary>The authorizer's thin GetItem client against dynalite (DynamoDB's wire protocol), reading rows as the CLI writes them.</summary>
public class DynamoTenantRegistryTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task A_row_reads_back_and_a_missing_or_incomplete_one_is_no_tenant()
    {
        var table = $"Tenants{Guid.NewGuid():N}";
        using var sdk = new AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint.ToString(), AuthenticationRegion = "eu-west-1" });
        await sdk.CreateTableAsync(new CreateTableRequest
        {
            TableName = table, BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new(TenantRegistry.Key, ScalarAttributeType.S)], KeySchema = [new(TenantRegistry.Key, KeyType.HASH)],
        });
        while ((await sdk.DescribeTableAsync(table)).Table.TableStatus != TableStatus.ACTIVE) await Task.Delay(20);
        await sdk.PutItemAsync(table, new Dictionary<string, AttributeValue>
        {
            [TenantRegistry.Key] = new() { S = "Partners|org_acme" }, [TenantRegistry.Tenant] = new() { S = "acme" },
            [TenantRegistry.ApiKeyValue] = new() { S = "acme-key" }, [TenantRegistry.Tier] = new() { S = "gold" },
            [TenantRegistry.Status] = new() { S = "suspended" }, [TenantRegistry.CreatedClient] = new() { BOOL = false },
        });
        await sdk.PutItemAsync(table, new Dictionary<string, AttributeValue> { [TenantRegistry.Key] = new() { S = "Partners|half" }, [TenantRegistry.Tenant] = new() { S = "half" } });

        var registry = Registry(table);

        Assert.Equal(new TenantEntry("acme", "acme-key", "gold", TenantStatus.Suspended), await registry.FindAsync("Partners|org_acme"));
        Assert.Null(await registry.FindAsync("Partners|nobody"));
        Assert.Null(await registry.FindAsync("Partners|half"));

        Assert.Equal("ResourceNotFoundException", (await Assert.ThrowsAsync<AwsServiceException>(() => Registry("NoSuchTable").FindAsync("Partners|org_acme"))).ErrorType);

        // A key DynamoDB would refuse (over 2048 bytes) names no tenant; the largest it takes is read as any other.
        var largest = "Partners|" + new string('x', TenantRegistry.MaxKeyBytes - "Partners|".Length);
        Assert.Null(await registry.FindAsync(largest));
        Assert.Null(await registry.FindAsync(largest + "x"));
        Assert.Null(await registry.FindAsync("Partners|" + new string('é', 1_100)));
    }

    [Fact]
    public async Task The_client_makes_exactly_the_calls_the_authorizer_is_granted()
    {
        var wire = new CapturingHandler(_ => CapturingHandler.Json(System.Net.HttpStatusCode.OK, "{}"));
        var registry = new DynamoTenantRegistry(
            new AwsJsonClient(new HttpClient(wire), new Uri("http://127.0.0.1:9/"), DynamoDb.TargetPrefix, DynamoDb.JsonVersion), "Tenants");

        Assert.Null(await registry.FindAsync("Partners|org_acme"));

        var made = wire.Requests.Select(r => $"{DynamoDb.SigningService}:{r.Headers["X-Amz-Target"].Split('.')[1]}").Distinct();
        Assert.Equal(TenantRegistry.AuthorizerActions.Order(), made.Order());
    }

    private DynamoTenantRegistry Registry(string table) => DynamoTenantRegistry.Create(
        dynalite.Endpoint, "eu-west-1", TimeSpan.FromSeconds(5), AwsCredentials.Of("local", "local"), table);
}
