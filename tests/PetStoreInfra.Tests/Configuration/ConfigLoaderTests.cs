using System.Text.Json.Nodes;
using PetStoreInfra.Configuration;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Configuration;

public class ConfigLoaderTests(DevApp dev)
{
    private static readonly string Valid = """
        {
          "dev": {
            "stageName": "dev", "logRetentionDays": 14, "retainData": false,
            "throttling": { "rateLimit": 50, "burstLimit": 100 },
            "signUpConfirmation": "auto", "threatProtection": "off",
            "userPools": [ { "name": "Users", "selfSignUp": true, "groups": ["customers", "employees", "owners"] } ],
            "lambda": { "architecture": "arm64", "memorySizeMb": 1024, "timeoutSeconds": 10 }
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
        Assert.Equal(SignUpConfirmationMode.Auto, config.SignUpConfirmation);
        Assert.Equal(LambdaArchitecture.Arm64, config.Lambda.Architecture);
        Assert.Equal(60, config.AccessTokenValidityMinutes);
        Assert.Equal("Users", config.SignUpPool.Name);
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
    public void A_pool_may_only_hold_groups_the_API_knows()
    {
        var json = With(c => c["userPools"]![0]!["groups"] = JsonNode.Parse("""["customers", "admins"]"""));
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(json, "dev"));
        Assert.Contains("'admins' is not one of customers, employees, owners", error.Message);
    }
}
