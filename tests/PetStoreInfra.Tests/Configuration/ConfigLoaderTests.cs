using System.Text.Json.Nodes;
using PetStore.Configuration;
using PetStore.Contract;
using PetStoreInfra.Configuration;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Configuration;

public class ConfigLoaderTests(DevApp dev)
{
    private static readonly string Valid = """
        {
          "dev": {
            "region": "eu-west-1", "stageName": "dev", "logRetentionDays": 14, "retainData": false,
            "throttling": { "rateLimit": 50, "burstLimit": 100 },
            "signUpConfirmation": "auto", "threatProtection": "off",
            "userPools": [ { "name": "Users", "selfSignUp": true, "groups": ["customers", "employees", "owners"] } ],
            "stores": [ { "id": "downtown", "name": "Downtown" } ],
            "lambda": { "architecture": "arm64", "memorySizeMb": 1024, "timeoutSeconds": 10 },
            "perimeter": { "rateLimitPer5Minutes": 1000, "personRateLimit": { "limit": 300, "windowSeconds": 60 }, "loginRateLimitPer5Minutes": 20,
                           "originSecret": { "active": "a", "generationA": 1, "generationB": 1 } },
            "usagePlans": { "interactiveTier": "interactive", "tiers": { "interactive": { "rateLimit": 10, "burstLimit": 20 }, "bronze": { "rateLimit": 5, "burstLimit": 10, "quotaPerDay": 1000 } } },
            "alarms": { "api5xxPercent": 1, "wafBlockedPer5Minutes": 500, "throttledPer5Minutes": 50 }
          }
        }
        """;

    private static string With(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        change(root["dev"]!.AsObject());
        return root.ToJsonString();
    }

    [Fact]
    public void A_complete_environment_parses_with_defaults_for_optional_keys()
    {
        var config = ConfigLoader.Parse(Valid, "dev");

        Assert.Equal("dev", config.Name);
        Assert.Equal(SignUpConfirmation.Auto, config.SignUpConfirmation);
        Assert.Equal(LambdaArchitecture.Arm64, config.Lambda.Architecture);
        Assert.Equal(60, config.AccessTokenValidityMinutes);
        Assert.Equal("Users", config.SignUpPool.Name);
        Assert.Equal(120, config.Authorization.CacheTtlSeconds);
        Assert.Equal(FunctionVariables.DefaultAvpTimeoutMs, config.Authorization.AvpTimeoutMs);
        Assert.Empty(config.Throttling.Methods);
        Assert.Null(config.Lambda.ReservedConcurrency);
        Assert.Equal(FunctionRuntime.Custom, config.Lambda.Runtime);
        Assert.Equal(FunctionRuntime.Custom, config.Lambda.AuthorizerRuntime);
        Assert.Equal("PriceClass_100", config.Perimeter.PriceClass);
        Assert.Null(config.Perimeter.DomainName);
        Assert.Null(config.Alarms.Email);
        Assert.False(config.AuditTrail.Enabled);
        Assert.Equal(365, config.AuditTrail.RetentionDays);
    }

    [Fact]
    public void Environments_given_on_the_command_line_as_JSON_text_are_read_as_that_JSON()
    {
        // `cdk synth -c environments=<JSON>` hands the app a string, as tools/bundles/check.sh does for another architecture.
        var app = new Amazon.CDK.App(new Amazon.CDK.AppProps
        {
            Context = new Dictionary<string, object>
            {
                [ConfigLoader.EnvironmentsKey] = With(c => c["lambda"]!["architecture"] = "x86_64"),
                [ConfigLoader.EnvironmentKey] = "dev",
            },
        });

        var config = CdkContext.ReadConfig(app.Node);

        Assert.Equal(LambdaArchitecture.X86_64, config.Lambda.Architecture);
        Assert.Equal("dev", config.Name);
    }

    [Fact]
    public void Environments_that_are_not_JSON_are_refused_naming_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse("{\"dev\": ", "dev"));
        Assert.Contains("environments", error.Message);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("runtime")]
    [InlineData("authorizerRuntime")]
    public void An_unknown_function_runtime_is_refused_naming_the_key(string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(With(c => c["lambda"]![key] = "native"), "dev"));
        Assert.Contains($"lambda.{key}", error.Message);
    }

    [Theory]
    [InlineData("managed", FunctionRuntime.Managed)]
    [InlineData("custom", FunctionRuntime.Custom)]
    public void The_functions_runtime_is_read_apart_from_the_authorizers(string value, FunctionRuntime expected)
    {
        var config = ConfigLoader.Parse(With(c => c["lambda"]!["runtime"] = value), "dev");
        Assert.Equal(expected, config.Lambda.Runtime);
        Assert.Equal(FunctionRuntime.Custom, config.Lambda.AuthorizerRuntime);
    }

    [Fact]
    public void The_repository_cdk_json_environments_are_valid()
    {
        Assert.Equal("dev", dev.Config.Name);
        Assert.False(dev.Config.RetainData);
    }

    [Fact]
    public void An_unknown_environment_names_the_defined_ones()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(Valid, "staging"));
        Assert.Contains("environment 'staging' is not defined", error.Message);
        Assert.Contains("(defined: dev)", error.Message);
    }

    [Fact]
    public void An_unknown_key_is_an_error_naming_its_path()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(With(c => c["stagename"] = "x"), "dev"));
        Assert.Contains("environments.dev", error.Message);
        Assert.Contains("stagename", error.Message);
    }

    [Fact]
    public void A_missing_required_key_is_an_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(With(c => c.Remove("throttling")), "dev"));
        Assert.Contains("throttling", error.Message);
    }

    [Fact]
    public void A_wrongly_typed_value_names_its_path()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(With(c => c["throttling"]!["burstLimit"] = "lots"), "dev"));
        Assert.Contains("environments.dev.throttling.burstLimit", error.Message);
    }

    /// <summary>A cdk.json in a temporary folder with <paramref name="change"/> made to the dev environment, its lines as written.</summary>
    private static string CdkJsonWith(Action<JsonObject> change)
    {
        var environments = JsonNode.Parse(With(change))!;
        var file = Path.Combine(Directory.CreateTempSubdirectory("cdk-json-").FullName, "cdk.json");
        File.WriteAllText(file, new JsonObject { ["app"] = "dotnet run", ["context"] = new JsonObject { [ConfigLoader.EnvironmentsKey] = environments } }
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return file;
    }

    private static int LineOf(string file, string text) => Array.FindIndex(File.ReadAllLines(file), l => l.Contains(text)) + 1;

    [Fact]
    public void A_wrongly_typed_value_names_its_key_and_its_cdk_json_line_in_the_files_words()
    {
        var file = CdkJsonWith(c => c["lambda"]!["memorySizeMb"] = "lots");

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.FromCdkJson(file, "dev"));

        Assert.Equal($"cdk.json:{LineOf(file, "\"memorySizeMb\"")}: environments.dev.lambda.memorySizeMb: must be a whole number", error.Message);
    }

    [Fact]
    public void A_value_out_of_range_names_its_key_and_its_cdk_json_line()
    {
        var file = CdkJsonWith(c =>
        {
            c["lambda"]!["timeoutSeconds"] = 60;
            c["userPools"]![0]!["groups"] = new JsonArray("customers", "admins");
        });

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.FromCdkJson(file, "dev"));

        Assert.Contains($"cdk.json:{LineOf(file, "\"timeoutSeconds\"")}: lambda.timeoutSeconds must be 1 to 29", error.Message);
        Assert.Contains($"cdk.json:{LineOf(file, "\"groups\"")}: userPools[0].groups", error.Message);
    }

    [Fact]
    public void An_unknown_enum_value_is_an_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(With(c => c["signUpConfirmation"] = "sms"), "dev"));
        Assert.Contains("signUpConfirmation", error.Message);
    }

    [Fact]
    public void Every_invalid_value_is_reported_at_once()
    {
        var json = With(c =>
        {
            c["logRetentionDays"] = 10;
            c["stageName"] = "has space";
            c["lambda"]!["timeoutSeconds"] = 60;
        });

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(json, "dev"));

        Assert.Contains("logRetentionDays must be one of", error.Message);
        Assert.Contains("stageName must be", error.Message);
        Assert.Contains("lambda.timeoutSeconds must be 1 to 29", error.Message);
    }

    [Fact]
    public void Exactly_one_pool_must_take_sign_ups_and_it_must_hold_customers()
    {
        var two = With(c => c["userPools"] = JsonNode.Parse("""
            [ { "name": "A", "selfSignUp": true, "groups": ["customers"] }, { "name": "B", "selfSignUp": true, "groups": ["customers"] } ]
            """));
        var noCustomers = With(c => c["userPools"] = JsonNode.Parse("""[ { "name": "A", "selfSignUp": true, "groups": ["owners"] } ]"""));

        Assert.Contains("exactly one of userPools must have selfSignUp", Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(two, "dev")).Message);
        Assert.Contains("must include 'customers'", Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(noCustomers, "dev")).Message);
    }

    [Fact]
    public void Where_data_is_retained_staff_groups_need_a_pool_that_requires_MFA()
    {
        var retained = With(c => c["retainData"] = true);
        var staffPool = With(c =>
        {
            c["retainData"] = true;
            c["userPools"] = JsonNode.Parse("""
                [ { "name": "Users", "selfSignUp": true, "groups": ["customers"] },
                  { "name": "Staff", "selfSignUp": false, "groups": ["employees", "owners"], "mfa": "required" } ]
                """);
        });

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(retained, "dev"));
        Assert.Contains("userPools[0] holds staff groups (employees, owners)", error.Message);
        Assert.Contains("mfa: required", error.Message);
        var config = ConfigLoader.Parse(staffPool, "dev");
        Assert.Equal(PoolMfa.Required, config.UserPools.Single(p => p.Name == "Staff").Mfa);
        Assert.Equal(PoolMfa.Optional, config.SignUpPool.Mfa);
        // Without retained data (an environment to try things in) staff may share the self-sign-up pool.
        Assert.Equal(PoolMfa.Optional, ConfigLoader.Parse(Valid, "dev").SignUpPool.Mfa);
    }

    [Fact]
    public void A_pool_may_only_hold_groups_the_API_knows()
    {
        var json = With(c => c["userPools"]![0]!["groups"] = JsonNode.Parse("""["customers", "admins"]"""));
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(json, "dev"));
        Assert.Contains("'admins' is not one of customers, employees, owners", error.Message);
    }

    [Fact]
    public void Per_route_throttles_must_name_routes_of_the_route_table()
    {
        var json = With(c => c["throttling"]!["methods"] = JsonNode.Parse("""{ "POST /pets": { "rateLimit": 1, "burstLimit": 2 }, "DELETE /pets": { "rateLimit": 1, "burstLimit": 2 } }"""));
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(json, "dev"));
        Assert.Contains("'DELETE /pets' is not a route", error.Message);
        Assert.DoesNotContain("'POST /pets'", error.Message);
    }

    [Fact]
    public void Perimeter_settings_are_checked()
    {
        var json = With(c =>
        {
            c["region"] = "europe";
            c["perimeter"]!["rateLimitPer5Minutes"] = 5;
            c["perimeter"]!["countOnlyRules"] = JsonNode.Parse("""{ "MadeUpRuleSet": ["X"] }""");
            c["perimeter"]!["domainName"] = "api.example.com";
            c["perimeter"]!["allowedCountries"] = JsonNode.Parse("""["DE", "germany"]""");
            c["perimeter"]!["originSecret"]!["active"] = "c";
            c["perimeter"]!["personRateLimit"] = JsonNode.Parse("""{ "limit": 5, "windowSeconds": 30 }""");
            c["perimeter"]!["loginRateLimitPer5Minutes"] = 3;
        });

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(json, "dev"));

        Assert.Contains("region must be an AWS region", error.Message);
        Assert.Contains("rateLimitPer5Minutes must be at least 10", error.Message);
        Assert.Contains("'MadeUpRuleSet' is not one of the web ACL's managed rule groups", error.Message);
        Assert.Contains("domainName and perimeter.certificateArn go together", error.Message);
        Assert.Contains("'germany' is not an ISO 3166 alpha-2 code", error.Message);
        Assert.Contains("originSecret.active must be", error.Message);
        Assert.Contains("perimeter.personRateLimit.limit must be at least 10", error.Message);
        Assert.Contains("perimeter.personRateLimit.windowSeconds must be one of 60, 120, 300, 600", error.Message);
        Assert.Contains("perimeter.loginRateLimitPer5Minutes must be at least 10", error.Message);
    }

    [Fact]
    public void A_certificate_outside_us_east_1_is_refused()
    {
        var json = With(c =>
        {
            c["perimeter"]!["domainName"] = "api.example.com";
            c["perimeter"]!["certificateArn"] = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
        });
        Assert.Contains("must be an ACM certificate in us-east-1", Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(json, "dev")).Message);
    }

    [Fact]
    public void Usage_tiers_and_alarm_thresholds_are_checked()
    {
        var json = With(c =>
        {
            c["usagePlans"]!["tiers"] = JsonNode.Parse("""{ "Gold": { "rateLimit": 0, "burstLimit": 1, "quotaPerDay": 1 } }""");
            c["alarms"]!["api5xxPercent"] = 0;
            c["alarms"]!["email"] = "nobody";
        });

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(json, "dev"));

        Assert.Contains("'Gold' must be lowercase letters", error.Message);
        Assert.Contains("usagePlans.tiers.Gold needs rateLimit > 0", error.Message);
        Assert.Contains("alarms.api5xxPercent must be above 0", error.Message);
        Assert.Contains("alarms.email must be an email address", error.Message);
    }

    [Fact]
    public void No_quota_on_the_keys_people_share_and_no_key_may_empty_the_stage()
    {
        var json = With(c =>
        {
            c["usagePlans"]!["tiers"]!["interactive"]!["quotaPerDay"] = 5_000_000;
            c["usagePlans"]!["tiers"]!["bronze"]!["rateLimit"] = 26;
            c["usagePlans"]!["interactiveKeys"] = 0;
            c["throttling"]!["methods"] = JsonNode.Parse("""{ "POST /pets": { "rateLimit": 1, "burstLimit": 1 } }""");
            c["perimeter"]!["personRateLimit"]!["limit"] = 100;
        });

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(json, "dev"));

        Assert.Contains("usagePlans.tiers.interactive.quotaPerDay: the interactive tier's keys are shared by people", error.Message);
        Assert.Contains("usagePlans.tiers.bronze: rateLimit 26 and burstLimit 10 are per API key and must be at most 50", error.Message);
        Assert.Contains($"usagePlans.interactiveKeys must be 1 to {ConfigLoader.MaxInteractiveKeys}", error.Message);
        Assert.Contains("throttling.methods['POST /pets'].burstLimit must be at least 2", error.Message);
        Assert.Contains("perimeter.personRateLimit: 100 per 60 s is below the fastest tenant tier's 26 requests/s", error.Message);
    }

    [Fact]
    public void The_repositorys_environments_meet_the_limits_rules()
    {
        foreach (var environment in new[] { "dev", "prod" })
        {
            var config = ConfigLoader.FromCdkJson(Path.Combine(dev.Layout.Root, "cdk.json"), environment);
            Assert.Null(config.UsagePlans.Tiers[config.UsagePlans.InteractiveTier].QuotaPerDay);
            Assert.True(config.UsagePlans.InteractiveKeys > 1, $"{environment}: people on one key share one bucket");
        }
    }

    [Fact]
    public void Every_retention_the_loader_accepts_maps_to_a_CDK_retention_and_no_other()
    {
        Assert.Equal(CloudWatchRetention.AllowedDays.Order(), LogRetentionDays.MappedDays.Order());
        Assert.Equal(CloudWatchRetention.AllowedDays.Count, Enum.GetValues<Amazon.CDK.AWS.Logs.RetentionDays>().Count(r => r != Amazon.CDK.AWS.Logs.RetentionDays.INFINITE));
    }

    [Fact]
    public void A_cdk_json_file_is_read_as_CDK_context_reads_it()
    {
        var fromFile = ConfigLoader.FromCdkJson(dev.Layout.CdkJson, dev.Config.Name);

        // Records holding lists compare by reference: compare what they hold.
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(dev.Config), System.Text.Json.JsonSerializer.Serialize(fromFile));
        Assert.Equal(dev.Config.Name, fromFile.Name);
    }

    [Fact]
    public void A_cdk_json_file_without_environments_names_the_file()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cdk-json-").FullName, "cdk.json");
        File.WriteAllText(path, """{ "app": "dotnet run", "context": {} }""");

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.FromCdkJson(path, "dev"));

        Assert.Contains(path, error.Message);
        Assert.Contains("'environments' is missing", error.Message);
    }

    private const string Auth0 = """
        { "name": "Partners", "issuer": "https://petstore-partners.eu.auth0.com/", "audiences": ["https://api.petstore.example"],
          "requiredScope": "petstore:api", "groupsClaim": ["permissions"], "groupMapping": { "write:pets": "employees" },
          "clientIds": ["SpaClient123"], "machineToken": { "claim": "gty", "value": "client-credentials" },
          "tenantClaim": ["org_id"], "groups": ["customers", "employees"] }
        """;

    [Fact]
    public void OIDC_providers_and_pools_with_tenants_parse_into_the_contract()
    {
        var config = ConfigLoader.Parse(With(c =>
        {
            c["oidcProviders"] = new JsonArray(JsonNode.Parse(Auth0));
            c["userPools"]![0]!["tenants"] = new JsonObject { ["domainPrefix"] = "petstore-dev-tenants" };
        }), "dev");

        var issuer = Assert.Single(config.OidcProviders).ToTrustedIssuer();
        Assert.Equal(IssuerKind.Oidc, issuer.Kind);
        Assert.Null(issuer.KeySetUri);
        Assert.Equal(Groups.Employees, issuer.GroupMapping["write:pets"]);
        Assert.Equal(["org_id"], issuer.TenantClaim);
        Assert.Equal(new MachineTokenRule { Claim = "gty", Value = "client-credentials" }, issuer.MachineRule);
        Assert.Equal("petstore-dev-tenants", config.UserPools[0].Tenants!.DomainPrefix);
        Assert.Empty(ConfigLoader.Parse(Valid, "dev").OidcProviders);
        Assert.Equal(300, config.Authorization.SignedInCacheTtlSeconds);
        Assert.Equal(FunctionVariables.DefaultTenantCacheSeconds, config.Authorization.TenantCacheSeconds);
    }

    [Fact]
    public void A_new_tenant_is_admitted_within_the_registry_cache_plus_the_longest_authorizer_cache()
    {
        // A refusal ("no such tenant") may be held by the authorizer for tenantCacheSeconds, and one made just before
        // that ran out cached by API Gateway for its TTL: signed-in routes' or policy routes', whichever is longer.
        var config = ConfigLoader.Parse(With(c => c["authorization"] = JsonNode.Parse(
            """{"cacheTtlSeconds": 120, "avpTimeoutMs": 1500, "signedInCacheTtlSeconds": 600, "tenantCacheSeconds": 30}""")), "dev");
        Assert.Equal(30 + 600, config.Authorization.NewTenantAdmittedWithinSeconds);
        Assert.Equal(30 + 900, (config.Authorization with { CacheTtlSeconds = 900 }).NewTenantAdmittedWithinSeconds);
    }

    public static TheoryData<string, string> BadIdentity => new()
    {
        { """{"oidcProviders": [{"name": "Partners", "issuer": "https://a.example/", "audiences": ["api"], "groupsClaim": ["g"], "groups": ["owners"]}]}""", "missing required properties including: 'requiredScope'" },
        { """{"oidcProviders": [{"name": "Partners", "issuer": "http://idp.example/", "audiences": ["api"], "requiredScope": null, "groupsClaim": ["g"], "groups": ["owners"]}]}""", "oidcProviders[0].issuer must be an https URL" },
        { """{"oidcProviders": [{"name": "Partners", "issuer": "https://a.example/", "audiences": ["api"], "requiredScope": null, "groupsClaim": ["g"], "groups": ["owners"], "colour": "red"}]}""", "environments.dev.oidcProviders[0].colour" },
        { """{"oidcProviders": [{"name": "Partners", "issuer": "https://a.example/", "audiences": ["api"], "requiredScope": null, "groupsClaim": ["g"], "groupMapping": {"admin": "owners"}, "groups": ["customers"]}]}""", "oidcProviders[0].groupMapping['admin']" },
        { """{"oidcProviders": [{"name": "Users", "issuer": "https://a.example/", "audiences": ["api"], "requiredScope": null, "groupsClaim": ["g"], "groups": ["owners"]}]}""", "'Users' names both a user pool and an OIDC provider" },
        { """{"oidcProviders": [{"name": "partners", "issuer": "https://a.example/", "audiences": ["api"], "requiredScope": null, "groupsClaim": ["g"], "groups": ["owners"]}]}""", "oidcProviders[0].name must be PascalCase" },
        { """{"oidcProviders": [{"name": "Partners", "issuer": "https://a.example/", "audiences": ["api"], "requiredScope": null, "groupsClaim": ["g"], "groups": ["owners"]}]}""", "oidcProviders[0].machineToken is required" },
        { """{"oidcProviders": [{"name": "Partners", "issuer": "https://a.example/", "audiences": ["api"], "requiredScope": null, "groupsClaim": ["g"], "groups": ["owners"], "machineToken": {"claim": "gty", "value": "client-credentials"}, "tenantClaim": ["org_id"]}]}""", "oidcProviders[0].clientIds must list the clients people sign in through" },
        { """{"oidcProviders": [{"name": "Partners", "issuer": "https://a.example/", "audiences": ["api"], "requiredScope": null, "groupsClaim": ["g"], "groups": ["owners"], "machineToken": {"claim": "sub"}}]}""", "oidcProviders[0].machineToken needs exactly one of value" },
        { """{"userPools": [{"name": "Users", "selfSignUp": true, "groups": ["customers"], "tenants": {"domainPrefix": "-bad"}}]}""", "userPools[0].tenants.domainPrefix" },
        { """{"usagePlans": {"interactiveTier": "people", "tiers": {"bronze": {"rateLimit": 5, "burstLimit": 10, "quotaPerDay": 1000}}}}""", "usagePlans.interactiveTier: 'people' is not one of usagePlans.tiers" },
        { """{"usagePlans": {"requireApiKey": true, "interactiveTier": "bronze", "tiers": {"bronze": {"rateLimit": 5, "burstLimit": 10, "quotaPerDay": 1000}}}}""", "usagePlans.requireApiKey" },
        { """{"authorization": {"tenantCacheSeconds": 0}}""", "authorization.tenantCacheSeconds must be 1 to 300" },
    };

    [Theory]
    [MemberData(nameof(BadIdentity))]
    public void Bad_identity_and_tenant_settings_are_refused_naming_the_key(string change, string expected)
    {
        var json = With(c =>
        {
            foreach (var (key, value) in JsonNode.Parse(change)!.AsObject()) c[key] = value?.DeepClone();
        });
        Assert.Contains(expected, Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(json, "dev")).Message);
    }

    public static TheoryData<string, string, string> BadAuditTrail => new()
    {
        { """{"enabled": true, "retentionDays": 0}""", "retentionDays", $"auditTrail.retentionDays must be 1 to {AuditTrailConfig.MaxRetentionDays}" },
        { """{"enabled": false, "retentionDays": 3651}""", "retentionDays", $"auditTrail.retentionDays must be 1 to {AuditTrailConfig.MaxRetentionDays}" },
        { """{"enabled": "yes"}""", "enabled", "environments.dev.auditTrail.enabled: must be true or false" },
        { """{"enabled": true, "retention": 30}""", "retention", "environments.dev.auditTrail.retention" },
    };

    [Theory]
    [MemberData(nameof(BadAuditTrail))]
    public void Bad_audit_trail_settings_are_refused_naming_the_key_and_its_line(string auditTrail, string key, string expected)
    {
        var file = CdkJsonWith(c => c["auditTrail"] = JsonNode.Parse(auditTrail));

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.FromCdkJson(file, "dev"));

        Assert.Contains(expected, error.Message);
        Assert.Contains($"cdk.json:{LineOf(file, $"\"{key}\"")}: ", error.Message);
    }

    [Fact]
    public void The_audit_trail_is_off_in_dev_and_on_in_prod()
    {
        Assert.False(dev.Config.AuditTrail.Enabled);
        Assert.True(ConfigLoader.FromCdkJson(dev.Layout.CdkJson, "prod").AuditTrail.Enabled);
    }
}
