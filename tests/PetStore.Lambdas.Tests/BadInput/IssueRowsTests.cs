using System.Buffers.Text;
using System.Text.Json;
using System.Text;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;

namespace PetStore.Lambdas.Tests.BadInput;

/// <summary>
/// The inputs an attacker tried against the functions, each through the entry point the Lambda runtime
/// calls: never a 500, always a JSON message, nothing written when refused.
/// </summary>
public class IssueRowsTests
{
    private readonly FunctionHost _host = new();

    private async Task<string> RefusedAsync(ProxyRequest request)
    {
        var response = await _host.SendAsync(request);
        Assert.Equal(400, response.StatusCode);
        Assert.Empty(_host.Pets.Pets);
        Assert.Equal(0, _host.Pets.CreateAttempts);
        Assert.Empty(_host.CognitoWrites);
        return response.Message();
    }

    private Task<string> RefusedAsync(string resource, string body) => RefusedAsync(ProxyRequests.For("POST", resource, body));

    private async Task<JsonElement> CreatedPetAsync(string body)
    {
        var response = await _host.PostAsync("/pets", body);
        Assert.True(response.StatusCode == 201, response.Body);
        return response.Json().GetProperty("pet");
    }

    // Row 1: a lone surrogate escape is not text.
    [Theory]
    [InlineData("/pets", """{"type":"\ud800","price":1,"storeId":"downtown"}""")]
    [InlineData("/pets", """{"type":"dog\udc00","price":1,"storeId":"downtown"}""")]
    [InlineData("/pets", """{"\ud800":"dog","price":1,"storeId":"downtown"}""")]
    [InlineData("/users", """{"username":"\ud800","password":"Correct-Horse-9","email":"a@example.com"}""")]
    [InlineData("/users", """{"username":"alice","password":"Correct-Horse-9\ud800","email":"a@example.com"}""")]
    [InlineData("/users", """{"username":"alice","password":"Correct-Horse-9","email":"\ud800@example.com"}""")]
    [InlineData("/login", """{"username":"\ud800","password":"Correct-Horse-9"}""")]
    [InlineData("/login", """{"username":"alice","password":"\udfff"}""")]
    public async Task A_lone_surrogate_escape_is_400_not_500(string resource, string body)
    {
        var message = await RefusedAsync(resource, body);
        Assert.Contains("not valid Unicode", message);
        Assert.Empty(_host.Cognito.Calls);
    }

    // Row 3: the price as written, not as a double or decimal rounds it.
    [Theory]
    [InlineData("1e-400")]
    [InlineData("0.00000000000000000000000000001")]
    [InlineData("249.99000000000000000000000000001")]
    [InlineData("249.991")]
    [InlineData("1e-3")]
    [InlineData("0.0001e1")]
    public async Task A_price_with_more_than_two_decimals_as_written_is_400(string price)
    {
        var message = await RefusedAsync("/pets", $$"""{"type":"dog","price":{{price}},"storeId":"downtown"}""");
        Assert.Contains("at most 2 decimal places", message);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("1000000.01")]
    [InlineData("-0.01")]
    [InlineData("1e7")]
    public async Task A_price_outside_0_to_a_million_as_written_is_400(string price)
    {
        var message = await RefusedAsync("/pets", $$"""{"type":"dog","price":{{price}},"storeId":"downtown"}""");
        Assert.Contains("price must be a number from 0 to 1000000", message);
    }

    [Theory]
    [InlineData("249.990", "249.99")]
    [InlineData("24999e-2", "249.99")]
    [InlineData("1.5e2", "150")]
    [InlineData("0e-999999999999", "0")]
    [InlineData("-0", "0")]
    [InlineData("0.10", "0.1")]
    [InlineData("1E6", "1000000")]
    [InlineData("1000000.000", "1000000")]
    public async Task A_price_written_in_another_form_of_a_two_decimal_number_is_kept_in_one_form(string price, string stored)
    {
        var pet = await CreatedPetAsync($$"""{"type":"dog","price":{{price}},"storeId":"downtown"}""");
        Assert.Equal(stored, pet.GetProperty("price").GetRawText());
    }

    // Row 4: text people cannot see, or that is not what the client sent.
    [Theory]
    [InlineData("\\u202Egod")]
    [InlineData("\\u200B")]
    [InlineData("\\uFEFF")]
    [InlineData("dog\\u200Bcat")]
    [InlineData("dog\\u2066")]
    [InlineData("\\u00AD")]
    [InlineData("\\u3164")]
    [InlineData("\\uFE0F")]
    [InlineData("\\u200D")]
    [InlineData("dog\\u2028cat")]
    [InlineData("dog\\uFFFD")]
    [InlineData("\\u3000\\uFE0Bdog")] // a selector that follows a space is left first once the space is trimmed
    [InlineData(" \\u200Ddog")]
    public async Task Invisible_bidi_or_replacement_characters_in_text_are_400(string type)
    {
        var message = await RefusedAsync("/pets", $$"""{"type":"{{type}}","price":1,"storeId":"downtown"}""");
        Assert.Contains("type", message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // a surrogate encoded as UTF-8
    [InlineData(new byte[] { 0xC0, 0xAF })] // an overlong '/'
    public async Task Bytes_that_are_not_UTF8_are_400(byte[] bad)
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"d""").Concat(bad).Concat(Encoding.UTF8.GetBytes("""g","price":1,"storeId":"downtown"}""")).ToArray();
        var request = ProxyRequests.For("POST", "/pets", Convert.ToBase64String(body)) with { IsBase64Encoded = true };
        var message = await RefusedAsync(request);
        Assert.Contains("UTF-8", message);
    }

    [Fact]
    public async Task A_base64_body_that_is_not_base64_is_400()
    {
        var request = ProxyRequests.For("POST", "/pets", "not base64!") with { IsBase64Encoded = true };
        await RefusedAsync(request);
    }

    [Fact]
    public async Task Text_is_stored_in_NFC()
    {
        var pet = await CreatedPetAsync("""{"type":"cre\u0300me bru\u0302le\u0301e","price":1,"storeId":"downtown"}""");
        Assert.Equal("crème brûlée", pet.GetProperty("type").GetString());
    }

    // Row 5: length as a person counts it.
    [Fact]
    public async Task Sixty_four_emoji_are_a_64_character_type()
    {
        var pet = await CreatedPetAsync(JsonSerializer.Serialize(new { type = string.Concat(Enumerable.Repeat("🐶", 64)), price = 1, storeId = "downtown" }));
        Assert.Equal(128, pet.GetProperty("type").GetString()!.Length);
    }

    [Fact]
    public async Task Emoji_sequences_with_joiners_and_skin_tones_count_as_one_character_each()
    {
        const string family = "👩🏽‍👩🏽‍👧🏽‍👦🏽"; // four people, four skin tones, three zero-width joiners
        const string heart = "❤️"; // with variation selector 16
        var pet = await CreatedPetAsync(JsonSerializer.Serialize(new { type = string.Concat(Enumerable.Repeat(family + heart, 32)), price = 1, storeId = "downtown" }));
        Assert.Contains(family, pet.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Sixty_five_emoji_sequences_are_too_many()
    {
        var message = await RefusedAsync("/pets", JsonSerializer.Serialize(new { type = string.Concat(Enumerable.Repeat("👩🏽‍👩🏽‍👧🏽‍👦🏽", 65)), price = 1, storeId = "downtown" }));
        Assert.Contains("1 to 64 characters", message);
    }

    // Row 6: query parameters as API Gateway passes them, read strictly.
    [Theory]
    [InlineData("5\u0000")]
    [InlineData("\u00005")]
    [InlineData("٥")] // an Arabic-Indic five
    [InlineData("+5")]
    [InlineData("05")]
    public async Task A_limit_that_is_not_plain_digits_is_400(string limit)
    {
        var message = await RefusedAsync(ProxyRequests.For("GET", "/pets", query: new() { ["limit"] = limit }));
        Assert.Contains("limit must be a whole number from 1 to 100", message);
    }

    [Fact]
    public async Task Query_names_are_case_sensitive_and_unknown_ones_are_400()
    {
        var message = await RefusedAsync(ProxyRequests.For("GET", "/pets", query: new() { ["limit"] = "1", ["LIMIT"] = "2" }));
        Assert.Contains("Unknown query parameter(s): LIMIT", message);
    }

    // Row 7: page tokens are exactly the ones the API makes (they are positions, not secrets: see docs/API.md).
    [Theory]
    [InlineData("v1:0198F3A2-7B7C-7D1E-9F00-0123456789AB")] // upper case: not how the API writes ids
    [InlineData("v1:{0198f3a2-7b7c-7d1e-9f00-0123456789ab}")]
    [InlineData("v1: 0198f3a2-7b7c-7d1e-9f00-0123456789ab")]
    public async Task A_page_token_the_API_could_not_have_made_is_400(string text)
    {
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
        var message = await RefusedAsync(ProxyRequests.For("GET", "/pets", query: new() { ["nextToken"] = token }));
        Assert.Contains("nextToken", message);
    }

    // Row 8: look-alike usernames.
    [Theory]
    [InlineData("Owner")]
    [InlineData("OWNER")]
    public async Task A_username_differing_from_an_existing_one_only_in_case_is_409(string username)
    {
        _host.Cognito.Users.Add("owner");
        var response = await _host.PostAsync("/users", JsonSerializer.Serialize(new { username, password = "Correct-Horse-9", email = "o@example.com" }));
        Assert.Equal(409, response.StatusCode);
        Assert.Equal(["SignUp owner o@example.com"], _host.Cognito.Calls);
    }

    [Theory]
    [InlineData("owner\u200b")]
    [InlineData("\u043ewner")] // Cyrillic о
    [InlineData("ｏwner")] // fullwidth
    [InlineData("owne\u0072\u0301")]
    [InlineData("own er")]
    [InlineData("-owner")]
    [InlineData("owner.")]
    [InlineData("ow@ner")]
    [InlineData("owner\n")]
    public async Task A_username_outside_the_safe_set_is_400(string username)
    {
        _host.Cognito.Users.Add("owner");
        var message = await RefusedAsync("/users", JsonSerializer.Serialize(new { username, password = "Correct-Horse-9", email = "o@example.com" }));
        Assert.Contains("username must", message);
    }

    [Fact]
    public async Task Usernames_are_registered_and_signed_in_lower_case()
    {
        var created = await _host.PostAsync("/users", """{"username":"Alice.B-1","password":"Correct-Horse-9","email":"alice@example.com"}""");
        var login = await _host.PostAsync("/login", """{"username":"ALICE.b-1","password":"Correct-Horse-9"}""");

        Assert.Equal(201, created.StatusCode);
        Assert.Equal("alice.b-1", created.Json().GetProperty("username").GetString());
        Assert.Equal(200, login.StatusCode);
        Assert.Contains("InitiateAuth alice.b-1", _host.Cognito.Calls);
    }

    // Row 9: email addresses people can receive mail at.
    [Theory]
    [InlineData("a@[127.0.0.1]")]
    [InlineData("a@[IPv6:::1]")]
    [InlineData("\"a b\"@example.com")]
    [InlineData("a..b@example.com")]
    [InlineData(".a@example.com")]
    [InlineData("a@example")]
    [InlineData("a@-example.com")]
    [InlineData("a@example.c")]
    [InlineData("a@ex_ample.com")]
    [InlineData("a(comment)@example.com")]
    [InlineData("alice@exämple.com")]
    [InlineData("alice@example.com\n")]
    public async Task An_email_address_outside_the_documented_form_is_400(string email)
    {
        var message = await RefusedAsync("/users", JsonSerializer.Serialize(new { username = "alice", password = "Correct-Horse-9", email }));
        Assert.Contains("email must be", message);
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("a.b+tag@mail.example.co.uk")]
    [InlineData("o'neil@xn--bcher-kva.example")]
    public async Task Ordinary_email_addresses_are_accepted(string email)
    {
        var response = await _host.PostAsync("/users", JsonSerializer.Serialize(new { username = "alice", password = "Correct-Horse-9", email }));
        Assert.Equal(201, response.StatusCode);
    }
}
