using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;
using CsCheck;

namespace PetStore.Lambdas.Tests.BadInput;

/// <summary>
/// Property-based (CsCheck): thousands of random requests through the functions' entry points. Whatever a client sends,
/// the answer is below 500 and JSON with a <c>message</c> when it is an error, and nothing is written unless the
/// request succeeded; what is written obeys the rules. A failure is shrunk to a small case and printed with its seed
/// (replay with CsCheck_Seed; CsCheck_Iter widens a run).
/// </summary>
public class BadInputPropertyTests
{
    private static readonly string[] PetFields = ["type", "price", "storeId", "status"];
    private static readonly string[] UserFields = ["username", "password", "email"];
    private static readonly string[] LoginFields = ["username", "password"];

    private static Task ForAllAsync<T>(Gen<T> gen, long runs, Func<T, Task> property, Func<T, string>? print = null) =>
        gen.SampleAsync(property, iter: Inputs.Runs(runs), print: print);

    private static string Hex((byte[] Body, bool Base64) sent) => $"{(sent.Base64 ? "base64 of " : "")}{Convert.ToHexString(sent.Body)}";

    /// <summary>Status below 500; a JSON object body; a string message on every error.</summary>
    private static JsonElement AssertAnswered(ProxyResponse response, string sent)
    {
        Assert.True(response.StatusCode is >= 200 and < 500, $"status {response.StatusCode} for {sent}: {response.Body}");
        using var json = JsonDocument.Parse(response.Body);
        var body = json.RootElement.Clone();
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        if (response.StatusCode >= 400)
            Assert.True(body.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String, $"no message in {response.Body}");
        return body;
    }

    /// <summary>A request body as API Gateway may pass it: text, or base64 of any bytes.</summary>
    private static ProxyRequest Post(string resource, (byte[] Body, bool Base64) sent) => sent.Base64
        ? ProxyRequests.For("POST", resource, Convert.ToBase64String(sent.Body)) with { IsBase64Encoded = true }
        : ProxyRequests.For("POST", resource, Encoding.UTF8.GetString(sent.Body)); // what API Gateway does with bytes that are not UTF-8

    private static Gen<(byte[] Body, bool Base64)> Sent(IReadOnlyList<string> fields) => Gen.Select(Inputs.AnyBody(fields), Gen.Bool);

    [Fact]
    public Task Any_body_to_POST_pets_is_answered_below_500_and_only_a_valid_pet_is_written() => ForAllAsync(Sent(PetFields), 3000, async sent =>
    {
        var host = new FunctionHost();
        var response = await host.SendAsync(Post("/pets", sent));
        var json = AssertAnswered(response, Hex(sent));

        if (response.StatusCode != 201)
        {
            Assert.Empty(host.Pets.Pets);
            return;
        }
        var pet = Assert.Single(host.Pets.Pets);
        AssertValidPet(pet.Type, pet.Price);
        Assert.Contains(pet.StoreId, TestPrincipals.Stores.Select(s => s.Id));
        Assert.Contains(pet.Status, PetStatuses.All);
        Assert.Equal(pet.Type, json.GetProperty("pet").GetProperty("type").GetString());
    }, Hex);

    [Fact]
    public Task Any_text_as_a_pet_type_is_stored_valid_or_refused() => ForAllAsync(
        Gen.Frequency((9, Inputs.Text(20)), (1, Inputs.Text(200))).SelectMany(text => Inputs.JsonString(text).Select(json => (text, json))), 3000, async typed =>
    {
        var host = new FunctionHost();
        var response = await host.SendAsync(ProxyRequests.For("POST", "/pets", $$"""{"type":{{typed.json}},"price":1,"storeId":"downtown"}"""));
        AssertAnswered(response, typed.json);

        Assert.True(response.StatusCode is 201 or 400, $"{response.StatusCode} {response.Body}");
        if (response.StatusCode == 400) Assert.Empty(host.Pets.Pets);
        else AssertValidPet(Assert.Single(host.Pets.Pets).Type, 1m);
    });

    [Fact]
    public Task Any_number_as_a_price_is_accepted_exactly_when_its_written_value_has_two_decimals_and_is_in_range() => ForAllAsync(Inputs.NumberLiteral, 3000, async literal =>
    {
        var host = new FunctionHost();
        var response = await host.SendAsync(ProxyRequests.For("POST", "/pets", $$"""{"type":"dog","price":{{literal}},"storeId":"downtown"}"""));
        AssertAnswered(response, literal);

        var expected = ExactCents(literal);
        if (expected is { } cents && cents >= 0 && cents <= 100_000_000)
        {
            Assert.True(response.StatusCode == 201, $"{literal}: {response.Body}");
            Assert.Equal((decimal)cents / 100m, Assert.Single(host.Pets.Pets).Price);
        }
        else
        {
            Assert.True(response.StatusCode == 400, $"{literal} was {response.StatusCode}");
            Assert.Empty(host.Pets.Pets);
        }
    });

    [Fact]
    public Task Any_body_to_POST_users_is_answered_below_500_and_only_a_valid_user_reaches_Cognito() => ForAllAsync(Sent(UserFields), 2000, async sent =>
    {
        var host = new FunctionHost();
        var response = await host.SendAsync(Post("/users", sent));
        var json = AssertAnswered(response, Hex(sent));

        if (response.StatusCode != 201)
        {
            Assert.Empty(host.Cognito.Calls);
            return;
        }
        var username = json.GetProperty("username").GetString()!;
        Assert.Matches(UsernameRules.Pattern, username);
        Assert.Equal(username.ToLowerInvariant(), username);
        var signUp = Assert.Single(host.Cognito.Calls, c => c.StartsWith("SignUp ", StringComparison.Ordinal));
        Assert.True(EmailRules.IsValid(signUp.Split(' ')[2]), signUp);
    }, Hex);

    [Fact]
    public Task Any_body_to_POST_login_is_answered_below_500_and_reaches_Cognito_only_when_well_formed() => ForAllAsync(Sent(LoginFields), 2000, async sent =>
    {
        var host = new FunctionHost();
        var response = await host.SendAsync(Post("/login", sent));
        AssertAnswered(response, Hex(sent));

        if (response.StatusCode == 400) Assert.Empty(host.Cognito.Calls);
        Assert.Empty(host.CognitoWrites);
    }, Hex);

    [Fact]
    public Task Any_query_to_GET_pets_is_answered_below_500() => ForAllAsync(QueryParameters, 2000, async parameters =>
    {
        var host = new FunctionHost();
        var query = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (!query.TryGetValue(name, out var values)) query[name] = values = [];
            values.Add(value);
        }
        var request = ProxyRequests.For("GET", "/pets") with
        {
            QueryStringParameters = query.Count == 0 ? null : query.ToDictionary(q => q.Key, q => q.Value[^1], StringComparer.Ordinal),
            MultiValueQueryStringParameters = query.Count == 0 ? null : query,
        };
        var response = await host.SendAsync(request);
        AssertAnswered(response, string.Join("&", query.Select(q => $"{q.Key}={string.Join(",", q.Value)}")));
        Assert.True(response.StatusCode is 200 or 400, response.Body);
    });

    /// <summary>Up to three query parameters: mostly the known names in other cases, values that nearly parse.</summary>
    private static readonly Gen<(string Name, string Value)[]> QueryParameters = Gen.Select(
        Gen.Frequency((3, Gen.OneOf("limit", "nextToken", "LIMIT", "Limit", "nexttoken")), (2, Inputs.Text(6))),
        Gen.Frequency((1, Gen.OneOf("1", "5", "100", "101", "5\u0000", "0", "djE6", "", " 5")), (1, Inputs.Text(10)))).Array[0, 3];

    /// <summary>What a stored pet must be, checked against the rules' definitions rather than the code under test.</summary>
    private static void AssertValidPet(string type, decimal price)
    {
        Assert.True(TextRules.TryNormalize(type, 1, PetRules.TypeMaxLength, out var again, out var problem), problem);
        Assert.Equal(type, again); // already NFC and trimmed
        Assert.Equal(type, ADRaffy.ENSNormalize.ENSNormalize.NF.NFC(type));
        Assert.DoesNotContain(type.EnumerateRunes(), r => TextRules.IsRefusedAnywhere(r.Value));
        Assert.InRange(new StringInfo(type).LengthInTextElements, 1, PetRules.TypeMaxLength);
        Assert.InRange(price, 0m, PetRules.PriceMax);
        Assert.Equal(decimal.Round(price, PetRules.PriceMaxDecimals), price);
    }

    /// <summary>
    /// An independent reading of a JSON number literal: its value in cents if that is a whole number of cents, else
    /// null (also for malformed literals and values too large or too small to matter here).
    /// </summary>
    private static BigInteger? ExactCents(string literal)
    {
        var match = System.Text.RegularExpressions.Regex.Match(literal, @"^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$");
        if (!match.Success) return null;
        if (!BigInteger.TryParse(match.Groups[4].Success ? match.Groups[4].Value : "0", out var exponent)) return null;
        var mantissa = BigInteger.Parse(match.Groups[2].Value + match.Groups[3].Value, CultureInfo.InvariantCulture);
        if (mantissa.IsZero) return 0;
        if (match.Groups[1].Value == "-") return -1;
        // value × 100 = mantissa × 10^(exponent − fraction digits + 2)
        var power = exponent - match.Groups[3].Value.Length + 2;
        if (power > 20) return null; // far above the range
        if (power >= 0) return mantissa * BigInteger.Pow(10, (int)power);
        if (power < -1000) return null; // a nonzero mantissa this short cannot hold that many zeros
        var divisor = BigInteger.Pow(10, (int)-power);
        return mantissa % divisor == 0 ? mantissa / divisor : null;
    }
}
