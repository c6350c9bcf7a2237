using Amazon.CDK.Assertions;
using PetStore.Contract;
using PetStoreInfra.Constructs;
using PetStore.Configuration;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Stacks;

public class IdentityStackTests(DevApp dev, ProdApp prod)
{
    private Template Dev => dev.Template(dev.Stacks.Identity);

    [Fact]
    public void The_pool_enforces_the_shared_password_rules()
    {
        Dev.HasResourceProperties("AWS::Cognito::UserPool", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Policies"] = new Dictionary<string, object>
            {
                ["PasswordPolicy"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["MinimumLength"] = PasswordRules.MinLength,
                    ["RequireLowercase"] = true,
                    ["RequireUppercase"] = true,
                    ["RequireNumbers"] = true,
                    ["RequireSymbols"] = true,
                }),
            },
        }));
    }

    [Fact]
    public void The_pool_takes_sign_ups_by_username_with_optional_TOTP_MFA()
    {
        Dev.HasResourceProperties("AWS::Cognito::UserPool", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AdminCreateUserConfig"] = Match.ObjectLike(new Dictionary<string, object> { ["AllowAdminCreateUserOnly"] = false }),
            ["UsernameConfiguration"] = new Dictionary<string, object> { ["CaseSensitive"] = false },
            ["MfaConfiguration"] = "OPTIONAL",
            ["EnabledMfas"] = new object[] { "SOFTWARE_TOKEN_MFA" },
            ["AccountRecoverySetting"] = Match.AnyValue(),
        }));
    }

    [Fact]
    public void The_three_groups_exist()
    {
        var groups = dev.Resources(dev.Stacks.Identity, "AWS::Cognito::UserPoolGroup").Values
            .Select(g => g["Properties"]!["GroupName"]!.GetValue<string>())
            .Order();
        Assert.Equal(["customers", "employees", "owners"], groups);
    }

    [Fact]
    public void The_resource_server_declares_the_API_scope()
    {
        Dev.HasResourceProperties("AWS::Cognito::UserPoolResourceServer", new Dictionary<string, object>
        {
            ["Identifier"] = ApiScope.ResourceServerIdentifier,
            ["Name"] = Match.AnyValue(),
            ["UserPoolId"] = Match.AnyValue(),
            ["Scopes"] = new object[] { new Dictionary<string, object> { ["ScopeName"] = ApiScope.Name, ["ScopeDescription"] = Match.AnyValue() } },
        });
    }

    [Fact]
    public void The_app_client_has_no_secret_signs_in_with_passwords_and_hides_user_existence()
    {
        Dev.HasResourceProperties("AWS::Cognito::UserPoolClient", Match.ObjectLike(new Dictionary<string, object>
        {
            ["GenerateSecret"] = false,
            ["PreventUserExistenceErrors"] = "ENABLED",
            ["EnableTokenRevocation"] = true,
            ["ExplicitAuthFlows"] = new object[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
            ["AccessTokenValidity"] = 60,
            ["TokenValidityUnits"] = Match.ObjectLike(new Dictionary<string, object> { ["AccessToken"] = "minutes" }),
            ["AllowedOAuthFlowsUserPoolClient"] = false,
        }));
    }

    [Fact]
    public void A_version_2_pre_token_trigger_puts_the_scope_in_access_tokens_on_the_Essentials_plan()
    {
        Dev.HasResourceProperties("AWS::Cognito::UserPool", Match.ObjectLike(new Dictionary<string, object>
        {
            ["LambdaConfig"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["PreTokenGenerationConfig"] = new Dictionary<string, object> { ["LambdaArn"] = Match.AnyValue(), ["LambdaVersion"] = "V2_0" },
            }),
            ["UserPoolTier"] = "ESSENTIALS",
            ["UserPoolAddOns"] = new Dictionary<string, object> { ["AdvancedSecurityMode"] = "OFF" },
        }));
        Dev.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Handler"] = FunctionHandlers.TokenScopes,
            ["Runtime"] = LambdaPackage.For(dev.Config.Lambda.Runtime).Runtime.Name,
        }));
        Dev.HasResourceProperties("AWS::Lambda::Permission", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Action"] = "lambda:InvokeFunction",
            ["Principal"] = "cognito-idp.amazonaws.com",
            ["SourceArn"] = Match.AnyValue(),
        }));
    }

    [Fact]
    public void In_prod_threat_protection_is_enforced_on_the_Plus_plan_and_the_pool_is_retained()
    {
        var template = prod.Template(prod.Stacks.Identity);
        template.HasResource("AWS::Cognito::UserPool", new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "Retain",
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["UserPoolTier"] = "PLUS",
                ["UserPoolAddOns"] = new Dictionary<string, object> { ["AdvancedSecurityMode"] = "ENFORCED" },
                ["DeletionProtection"] = "ACTIVE",
            }),
        });
    }

    [Fact]
    public void In_prod_staff_sign_in_to_their_own_pool_that_requires_TOTP_and_takes_no_sign_ups()
    {
        var pools = prod.Resources(prod.Stacks.Identity, "AWS::Cognito::UserPool");
        var groups = prod.Resources(prod.Stacks.Identity, "AWS::Cognito::UserPoolGroup").Values.Select(g => g["Properties"]!).ToList();
        foreach (var pool in prod.Config.UserPools)
        {
            var (logicalId, resource) = pools.Single(p => p.Key.StartsWith($"{pool.Name}UserPool", StringComparison.Ordinal));
            var properties = resource["Properties"]!;
            Assert.Equal(pool.HoldsStaff ? "ON" : "OPTIONAL", properties["MfaConfiguration"]!.GetValue<string>());
            Assert.Equal(["SOFTWARE_TOKEN_MFA"], properties["EnabledMfas"]!.AsArray().Select(m => m!.GetValue<string>()));
            Assert.Equal(!pool.SelfSignUp, properties["AdminCreateUserConfig"]!["AllowAdminCreateUserOnly"]!.GetValue<bool>());
            Assert.Equal(pool.Groups.Order(), groups.Where(g => g["UserPoolId"]!["Ref"]!.GetValue<string>() == logicalId).Select(g => g["GroupName"]!.GetValue<string>()).Order());
        }
        Assert.Contains(prod.Config.UserPools, p => p.HoldsStaff && p.Mfa == PoolMfa.Required && !p.SelfSignUp);
        Assert.DoesNotContain(prod.Config.UserPools, p => p.HoldsStaff && p.Mfa != PoolMfa.Required);
    }

    [Fact]
    public void Every_pool_is_trusted_by_the_authorizer_and_signed_in_to_by_the_users_function()
    {
        var api = prod.Resources(prod.Stacks.Api, "AWS::Lambda::Function").Values.Select(f => f["Properties"]!["Environment"]?["Variables"]).ToList();
        var trusted = api.Where(v => v?[FunctionVariables.TrustedIssuers] is not null).ToList();
        Assert.Equal(2, trusted.Count); // the authorizer and the users function
        // One definition: both read the same list, naming every configured pool.
        Assert.Equal(trusted[0]![FunctionVariables.TrustedIssuers]!.ToJsonString(), trusted[1]![FunctionVariables.TrustedIssuers]!.ToJsonString());
        Assert.All(prod.Config.UserPools, p => Assert.Contains(p.Name, trusted[0]![FunctionVariables.TrustedIssuers]!.ToJsonString()));
    }
}
