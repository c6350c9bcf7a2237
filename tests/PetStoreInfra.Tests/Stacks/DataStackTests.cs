using PetStore.Contract;
using Amazon.CDK.Assertions;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Stacks;

public class DataStackTests(DevApp dev, ProdApp prod)
{
    [Fact]
    public void The_pets_and_orders_tables_are_keyed_by_id_on_demand_encrypted_and_recoverable()
    {
        var byId = new Dictionary<string, object>
        {
            ["KeySchema"] = new object[] { new Dictionary<string, object> { ["AttributeName"] = "id", ["KeyType"] = "HASH" } },
            ["AttributeDefinitions"] = new object[] { new Dictionary<string, object> { ["AttributeName"] = "id", ["AttributeType"] = "S" } },
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["SSESpecification"] = new Dictionary<string, object> { ["SSEEnabled"] = true },
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
        };
        var keyedById = dev.Resources(dev.Stacks.Data, "AWS::DynamoDB::Table")
            .Where(t => t.Value["Properties"]!["KeySchema"]!.ToJsonString() == """[{"AttributeName":"id","KeyType":"HASH"}]""").Select(t => t.Key).ToList();
        Assert.Equal(2, keyedById.Count);
        Assert.Contains(keyedById, id => id.StartsWith("PetsTable", StringComparison.Ordinal));
        Assert.Contains(keyedById, id => id.StartsWith("OrdersTable", StringComparison.Ordinal));
        dev.Template(dev.Stacks.Data).AllResourcesProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["SSESpecification"] = new Dictionary<string, object> { ["SSEEnabled"] = true },
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
        }));
        dev.Template(dev.Stacks.Data).HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(byId));
        dev.Template(dev.Stacks.Data).ResourceCountIs("AWS::DynamoDB::Table", 3);
    }

    [Fact]
    public void The_orders_table_has_the_owner_index_the_orders_function_queries_with_every_attribute()
    {
        var orders = dev.Resources(dev.Stacks.Data, "AWS::DynamoDB::Table").Single(t => t.Key.StartsWith("OrdersTable", StringComparison.Ordinal)).Value["Properties"]!;
        var index = orders["GlobalSecondaryIndexes"]!.AsArray().Single()!;

        Assert.Equal(OrdersTableAccess.OwnerIndex, index["IndexName"]!.GetValue<string>());
        Assert.Equal($$"""[{"AttributeName":"{{OrdersTableAccess.OwnerAttribute}}","KeyType":"HASH"},{"AttributeName":"{{OrdersTableAccess.KeyAttribute}}","KeyType":"RANGE"}]""",
            index["KeySchema"]!.ToJsonString());
        Assert.Equal("ALL", index["Projection"]!["ProjectionType"]!.GetValue<string>());
    }

    [Fact]
    public void The_tenant_registry_is_keyed_by_identity_on_demand_encrypted_recoverable_and_kept_in_prod()
    {
        var registry = new Dictionary<string, object>
        {
            ["KeySchema"] = new object[] { new Dictionary<string, object> { ["AttributeName"] = TenantRegistry.Key, ["KeyType"] = "HASH" } },
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["SSESpecification"] = new Dictionary<string, object> { ["SSEEnabled"] = true },
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
        };
        dev.Template(dev.Stacks.Data).HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(registry));
        prod.Template(prod.Stacks.Data).HasResource("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "Retain",
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object>(registry) { ["DeletionProtectionEnabled"] = true }),
        });
        // Nothing but the authorizer reads it (GetItem) among the functions; the CLI finds it by this output.
        dev.Template(dev.Stacks.Data).HasOutput("TenantsTableName", Match.AnyValue());
        var grants = dev.Resources(dev.Stacks.Api, "AWS::IAM::Policy").Where(p => p.Value.ToJsonString().Contains("TenantsTable")).Select(p => p.Key).ToList();
        Assert.All(grants, g => Assert.StartsWith("AuthorizerFunctionRole", g));
        Assert.Single(grants);
    }

    [Fact]
    public void In_dev_the_table_may_be_destroyed()
    {
        dev.Template(dev.Stacks.Data).AllResources("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "Delete",
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object> { ["DeletionProtectionEnabled"] = false }),
        });
        Assert.False(dev.Stacks.Data.TerminationProtection);
    }

    [Fact]
    public void In_prod_the_table_is_retained_and_protected()
    {
        prod.Template(prod.Stacks.Data).HasResource("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "Retain",
            ["UpdateReplacePolicy"] = "Retain",
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object> { ["DeletionProtectionEnabled"] = true }),
        });
        Assert.True(prod.Stacks.Data.TerminationProtection);
        Assert.True(prod.Stacks.Identity.TerminationProtection);
        Assert.False(prod.Stacks.Api.TerminationProtection);
    }
}
