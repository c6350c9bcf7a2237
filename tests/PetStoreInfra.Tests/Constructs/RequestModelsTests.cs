using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.CDK.AWS.APIGateway;
using PetStore.Contract;
using PetStoreInfra.Constructs;
using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.Constructs;

/// <summary>
/// The request models against the rules they are derived from: a model never refuses a body the function accepts
/// (it would refuse it in AWS but not locally), and refuses at the edge what JSON Schema can express of the rest.
/// Bodies are judged by a real JSON Schema validator (JsonSchema.Net) against the models as the synthesized template
/// deploys them; their lengths are also held to the UTF-16 count, which some validators use.
/// </summary>
public class RequestModelsTests(DevApp dev)
{
    private static readonly string Emoji64 = string.Concat(Enumerable.Repeat("🐶", 64));
    private static readonly string Family = string.Concat(Enumerable.Repeat("👩🏽‍👩🏽‍👧🏽‍👦🏽❤️", 32));

    public static TheoryData<string, string> AcceptedByTheFunctions => new()
    {
        { RouteTable.Operations.CreatePet, JsonSerializer.Serialize(new { type = Emoji64, price = 1, storeId = "downtown" }) },
        { RouteTable.Operations.CreatePet, JsonSerializer.Serialize(new { type = Family, price = 1, storeId = "downtown" }) },
        { RouteTable.Operations.CreatePet, JsonSerializer.Serialize(new { type = "crème brûlée", price = 1000000, storeId = "uptown" }) },
        { RouteTable.Operations.CreatePet, JsonSerializer.Serialize(new { type = "  dog  ", price = 0, storeId = "uptown", status = "sold" }) },
        { RouteTable.Operations.UpdatePet, JsonSerializer.Serialize(new { price = 12.5 }) },
        { RouteTable.Operations.UpdatePet, JsonSerializer.Serialize(new { status = "pending" }) },
        { RouteTable.Operations.SignUp, JsonSerializer.Serialize(new { username = "Alice.B-1", password = "Correct-Horse-9", email = "a.b+tag@mail.example.co.uk" }) },
        { RouteTable.Operations.SignUp, JsonSerializer.Serialize(new { username = new string('a', 128), password = "Correct-Horse-9", email = "o'neil@xn--bcher-kva.example" }) },
        { RouteTable.Operations.Login, JsonSerializer.Serialize(new { username = "JOSÉ", password = "  spaced Pass-1  " }) },
    };

    public static TheoryData<string, string> RefusedAtTheEdge => new()
    {
        { RouteTable.Operations.CreatePet, """{"type":"\u202Egod","price":1}""" },
        { RouteTable.Operations.CreatePet, """{"type":"\u200B","price":1}""" },
        { RouteTable.Operations.CreatePet, """{"type":"\uFEFFdog","price":1}""" },
        { RouteTable.Operations.CreatePet, """{"type":"dog\uFFFD","price":1,"storeId":"downtown"}""" },
        { RouteTable.Operations.CreatePet, """{"type":"dog","price":1,"storeId":"Downtown"}""" },
        { RouteTable.Operations.CreatePet, """{"type":"dog","price":1,"storeId":"downtown\n"}""" },
        { RouteTable.Operations.UpdatePet, """{"status":"Sold"}""" },
        { RouteTable.Operations.SignUp, """{"username":"owner\u200b","password":"Correct-Horse-9","email":"o@example.com"}""" },
        { RouteTable.Operations.SignUp, """{"username":"\u043ewner","password":"Correct-Horse-9","email":"o@example.com"}""" },
        { RouteTable.Operations.SignUp, """{"username":"owner","password":"Correct-Horse-9","email":"a@[127.0.0.1]"}""" },
        { RouteTable.Operations.Login, """{"username":"owner\u2066","password":"Correct-Horse-9"}""" },
    };

    [Theory]
    [MemberData(nameof(AcceptedByTheFunctions))]
    public void A_body_the_rules_accept_passes_its_model(string operation, string body)
    {
        using var json = JsonDocument.Parse(body);
        Assert.True(RulesAccept(operation, json.RootElement), "the example itself breaks the rules");
        Assert.True(Deployed(operation).Evaluate(json.RootElement).IsValid, "the deployed model refuses it");
        Assert.Empty(Utf16Violations(RequestModels.ByOperation[operation], json.RootElement));
    }

    [Theory]
    [MemberData(nameof(RefusedAtTheEdge))]
    public void A_body_with_characters_the_rules_refuse_is_refused_by_its_model(string operation, string body)
    {
        using var json = JsonDocument.Parse(body);
        Assert.False(RulesAccept(operation, json.RootElement));
        Assert.False(Deployed(operation).Evaluate(json.RootElement).IsValid, "the deployed model accepts it");
    }

    [Fact]
    public void Every_pattern_is_valid_ECMA_262()
    {
        foreach (var schema in RequestModels.ByOperation.Values.SelectMany(s => s.Properties!.Values).Cast<JsonSchema>())
            if (schema.Pattern is { } pattern) _ = new Regex(pattern, RegexOptions.ECMAScript);
    }

    [Fact]
    public void The_text_pattern_refuses_exactly_the_BMP_characters_the_text_rules_refuse_anywhere()
    {
        var pattern = new Regex(TextRules.JsonSchemaPattern, RegexOptions.ECMAScript);
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            Assert.True(pattern.IsMatch(((char)c).ToString()) != TextRules.IsRefusedAnywhere(c), $"U+{c:X4}");
        }
    }

    /// <summary>What the functions accept, by the same rules (the functions' own tests check that they apply them).</summary>
    private bool RulesAccept(string operation, JsonElement body)
    {
        string Text(string name) => body.GetProperty(name).GetString()!;
        bool Price() => !body.TryGetProperty("price", out var price) ||
            DecimalLiteral.TryParse(price.GetRawText(), PetRules.PriceMaxDecimals, PetRules.PriceMax, out _) == DecimalProblem.None;
        bool Status() => !body.TryGetProperty("status", out var status) || PetStatuses.All.Contains(status.GetString());
        return operation switch
        {
            RouteTable.Operations.CreatePet =>
                TextRules.TryNormalize(Text("type"), 1, PetRules.TypeMaxLength, out _, out _) && Price() && Status() &&
                Store.IsValidId(Text("storeId")) && dev.Config.StoreList.Any(s => s.Id == Text("storeId")),
            RouteTable.Operations.UpdatePet => Price() && Status(),
            RouteTable.Operations.SignUp =>
                UsernameRules.TryNormalize(Text("username"), out _) && EmailRules.IsValid(Text("email")) && PasswordRules.Problems(Text("password")).Count == 0,
            _ => TextRules.TryNormalize(Text("username"), 1, UsernameRules.MaxLength, out _, out _),
        };
    }

    [Fact]
    public void Every_body_taking_route_has_a_deployed_model_and_every_model_a_route()
    {
        var deployed = dev.Resources(dev.Stacks.Api, "AWS::ApiGateway::Model").Keys
            .Select(id => RequestModels.ByOperation.Keys.SingleOrDefault(op => id.StartsWith($"PetStoreApi{op}Body", StringComparison.Ordinal)))
            .ToList();
        Assert.DoesNotContain(null, deployed);
        Assert.Equal(RequestModels.ByOperation.Keys.Order(), deployed.Order());
    }

    /// <summary>The model of <paramref name="operation"/> as the Api stack's template deploys it, read by JsonSchema.Net.</summary>
    private Json.Schema.JsonSchema Deployed(string operation)
    {
        var model = dev.Resources(dev.Stacks.Api, "AWS::ApiGateway::Model").Single(m => m.Key.StartsWith($"PetStoreApi{operation}Body", StringComparison.Ordinal)).Value;
        var schema = model["Properties"]!["Schema"]!.DeepClone().AsObject();
        // Draft 4 as API Gateway declares it; the keywords the models use mean the same in the validator's draft.
        schema.Remove("$schema");
        return Json.Schema.JsonSchema.FromText(schema.ToJsonString());
    }

    /// <summary>Lengths counted in UTF-16 units, as a validator on a UTF-16 platform may count them.</summary>
    private static List<string> Utf16Violations(JsonSchema schema, JsonElement body)
    {
        var violations = new List<string>();
        var properties = schema.Properties!.ToDictionary(p => p.Key, p => (JsonSchema)p.Value);
        foreach (var property in body.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && properties.ContainsKey(p.Name)))
        {
            var field = properties[property.Name];
            var length = property.Value.GetString()!.Length;
            if (length < field.MinLength || length > field.MaxLength) violations.Add($"{property.Name} length {length}");
        }
        return violations;
    }
}
