using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using PetStore.Contract;
using PetStoreInfra.Constructs;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Stacks;

public class ApiStackTests(DevApp dev)
{
    private readonly ApiTemplate _api = new(dev, dev.Stacks.Api);
    private Template Template => dev.Template(dev.Stacks.Api);

    public static TheoryData<string, string> Routes => [.. RouteTable.All.Select(r => (r.Method, r.Path))];

    [Fact]
    public void The_API_has_exactly_the_methods_of_the_route_table()
    {
        Assert.Equal(
            RouteTable.All.Select(r => $"{r.Method} {r.Path}").Order(),
            _api.Methods.Select(m => $"{m.HttpMethod} {m.Path}").Order());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Each_method_is_authorized_as_its_route_declares(string method, string path)
    {
        var route = RouteTable.All.Single(r => r.Method == method && r.Path == path);
        var deployed = _api.Methods.Single(m => m.HttpMethod == method && m.Path == path);

        switch (route.Access)
        {
            case Access.Public:
                Assert.Equal("NONE", deployed.AuthorizationType);
                Assert.Null(deployed.AuthorizerRef);
                break;
            case Access.SignedIn:
            case Access.Policy:
            case Access.Resource:
                Assert.Equal("CUSTOM", deployed.AuthorizationType);
                Assert.Empty(deployed.Scopes);
                Assert.Equal("REQUEST", _api.Resource(deployed.AuthorizerRef!)["Properties"]!["Type"]!.GetValue<string>());
                // Metered: the authorizer supplies the key (a tenant's, or the interactive one).
                Assert.True(deployed.Properties["ApiKeyRequired"]!.GetValue<bool>());
                break;
            default:
                Assert.Fail($"no expectation for {route.Access}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Each_method_is_integrated_with_its_routes_backend(string method, string path)
    {
        var route = RouteTable.All.Single(r => r.Method == method && r.Path == path);
        var deployed = _api.Methods.Single(m => m.HttpMethod == method && m.Path == path);

        if (route.Backend == Backend.Mock)
        {
            Assert.Equal("MOCK", deployed.IntegrationType);
            return;
        }
        Assert.Equal("AWS_PROXY", deployed.IntegrationType);
        var functionId = deployed.Properties["Integration"]!["Uri"]!.ToJsonString();
        var function = _api.OfType("AWS::Lambda::Function").Single(f => functionId.Contains($"\"{f.Key}\""));
        Assert.Equal(FunctionHandlers.ForBackend(route.Backend), function.Value["Properties"]!["Handler"]!.GetValue<string>());
    }

    [Fact]
    public void The_welcome_route_answers_with_the_contract_message()
    {
        var welcome = _api.Methods.Single(m => m.Path == "/" && m.HttpMethod == "GET");
        var template = welcome.Properties["Integration"]!["IntegrationResponses"]![0]!["ResponseTemplates"]!["application/json"]!.GetValue<string>();
        Assert.Equal(GatewayMessages.Welcome, JsonNode.Parse(template)!["message"]!.GetValue<string>());
    }

    [Fact]
    public void Every_function_runs_on_arm64_with_tracing_on_its_configured_runtime()
    {
        var functions = dev.Resources(dev.Stacks.Api, "AWS::Lambda::Function");
        Assert.Equal(FunctionIds.Count(), functions.Count);
        Assert.All(functions, f =>
        {
            var properties = f.Value["Properties"]!;
            Assert.Equal("arm64", properties["Architectures"]![0]!.GetValue<string>());
            Assert.Equal("Active", properties["TracingConfig"]!["Mode"]!.GetValue<string>());
            var authorizer = f.Key.StartsWith("AuthorizerFunction", StringComparison.Ordinal);
            Assert.Equal(authorizer ? dev.Config.Lambda.AuthorizerMemorySizeMb : dev.Config.Lambda.MemorySizeMb, properties["MemorySize"]!.GetValue<int>());
            var runtime = authorizer ? dev.Config.Lambda.AuthorizerRuntime : dev.Config.Lambda.Runtime;
            Assert.Equal(LambdaPackage.For(runtime).Runtime.Name, properties["Runtime"]!.GetValue<string>());
        });
    }

    [Fact]
    public void The_pets_function_may_make_exactly_the_calls_its_repository_makes_on_the_pets_table()
    {
        var statements = PolicyStatementsOf("PetsFunction");
        var table = Assert.Single(statements, s => s.Actions.Any(a => a.StartsWith("dynamodb:")));
        // PetsTableAccess.Operations is checked against the repository's recorded calls (PetsTableGrantTests).
        Assert.Equal(PetsTableAccess.IamActions.Order(), table.Actions.Order());
        var resource = Assert.Single(table.Resources);
        Assert.Contains("PetsTable", resource);
        Assert.Contains("Arn", resource);
        Assert.DoesNotContain("*", resource);
    }

    [Fact]
    public void The_users_function_may_only_confirm_group_and_delete_users_of_its_pool()
    {
        var statements = PolicyStatementsOf("UsersFunction");
        var cognito = Assert.Single(statements, s => s.Actions.Any(a => a.StartsWith("cognito-idp:")));
        Assert.Equal(["cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminConfirmSignUp", "cognito-idp:AdminDeleteUser"], cognito.Actions.Order());
        Assert.Contains("UsersUserPool", Assert.Single(cognito.Resources));
    }

    /// <summary>The construct id of each function: one per route backend that is a function, and the authorizer.</summary>
    private static IEnumerable<string> FunctionIds =>
        RouteTable.All.Select(r => r.Backend).Where(b => b != Backend.Mock).Distinct().Select(b => $"{b}Function").Append("AuthorizerFunction");

    public static TheoryData<string> Functions => [.. FunctionIds];

    [Theory]
    [MemberData(nameof(Functions))]
    public void Functions_write_only_to_their_own_log_group_and_use_no_managed_policies(string function)
    {
        var logs = Assert.Single(PolicyStatementsOf(function), s => s.Actions.Any(a => a.StartsWith("logs:")));
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], logs.Actions.Order());
        Assert.Contains($"{function}Logs", Assert.Single(logs.Resources));

        var role = _api.OfType("AWS::IAM::Role").Single(r => r.Key.StartsWith($"{function}Role"));
        Assert.Null(role.Value["Properties"]!["ManagedPolicyArns"]);

        var logGroup = _api.OfType("AWS::Logs::LogGroup").Single(g => g.Key.StartsWith($"{function}Logs")).Value;
        Assert.Equal(dev.Config.LogRetentionDays, logGroup["Properties"]!["RetentionInDays"]!.GetValue<int>());
    }

    [Fact]
    public void The_admin_function_may_do_nothing_but_log_and_trace()
    {
        var actions = PolicyStatementsOf("AdminFunction").SelectMany(s => s.Actions).Order();
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTelemetryRecords", "xray:PutTraceSegments"], actions);
    }

    [Fact]
    public void The_stage_is_regional_and_throttled_from_configuration()
    {
        Template.HasResourceProperties("AWS::ApiGateway::RestApi", Match.ObjectLike(new Dictionary<string, object>
        {
            ["EndpointConfiguration"] = new Dictionary<string, object> { ["Types"] = new object[] { "REGIONAL" } },
        }));
        Template.HasResourceProperties("AWS::ApiGateway::Stage", Match.ObjectLike(new Dictionary<string, object>
        {
            ["StageName"] = dev.Config.StageName,
            ["MethodSettings"] = Match.ArrayWith(new object[]
            {
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["ThrottlingRateLimit"] = dev.Config.Throttling.RateLimit,
                    ["ThrottlingBurstLimit"] = dev.Config.Throttling.BurstLimit,
                    ["HttpMethod"] = "*",
                    ["ResourcePath"] = "/*",
                }),
            }),
        }));
    }

    [Fact]
    public void Lambda_permissions_name_the_exact_method_and_no_test_invoke()
    {
        var permissions = _api.OfType("AWS::Lambda::Permission").ToList();
        // One per integrated method, and one for each API Gateway authorizer to call the authorizer function.
        var authorizers = _api.OfType("AWS::ApiGateway::Authorizer").Count();
        Assert.Equal(RouteTable.All.Count(r => r.Backend != Backend.Mock) + authorizers, permissions.Count);
        Assert.All(permissions, p => Assert.DoesNotContain("test-invoke-stage", p.Value.ToJsonString()));
    }

    [Fact]
    public void API_Gateway_errors_are_JSON_messages()
    {
        foreach (var type in new[] { "DEFAULT_4XX", "DEFAULT_5XX" })
        {
            Template.HasResourceProperties("AWS::ApiGateway::GatewayResponse", Match.ObjectLike(new Dictionary<string, object>
            {
                ["ResponseType"] = type,
                ["ResponseTemplates"] = new Dictionary<string, object> { ["application/json"] = "{\"message\":$context.error.messageString}" },
            }));
        }
    }

    [Fact]
    public void The_users_function_is_told_its_pool_client_and_confirmation_mode()
    {
        var users = _api.OfType("AWS::Lambda::Function").Single(f => f.Key.StartsWith("UsersFunction")).Value;
        var variables = users["Properties"]!["Environment"]!["Variables"]!.AsObject();
        Assert.Equal("Auto", variables[FunctionVariables.SignUpConfirmation]!.GetValue<string>());
        Assert.NotNull(variables[FunctionVariables.UserPoolId]);
        Assert.NotNull(variables[FunctionVariables.UserPoolClientId]);
    }

    private IReadOnlyList<Statement> PolicyStatementsOf(string function) =>
        _api.OfType("AWS::IAM::Policy")
            .Where(p => p.Key.StartsWith($"{function}Role"))
            .SelectMany(p => p.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => new Statement(
                s!["Action"] is JsonArray many ? [.. many.Select(a => a!.GetValue<string>())] : [s["Action"]!.GetValue<string>()],
                s["Resource"] is JsonArray resources ? [.. resources.Select(r => r!.ToJsonString())] : [s["Resource"]!.ToJsonString()]))
            .ToList();

    private sealed record Statement(IReadOnlyList<string> Actions, IReadOnlyList<string> Resources);
}
