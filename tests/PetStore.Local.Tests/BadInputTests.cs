using System.Net;
using System.Text;
using System.Text.Json;

namespace PetStore.Local.Tests;

/// <summary>
/// An attacker's inputs against local mode end to end: Kestrel's own rejections, the query string as API Gateway reads
/// it, text and usernames as people read them. Every answer is JSON with a message; nothing refused is written.
/// </summary>
public class BadInputTests(LocalFixture fixture)
{
    private HttpClient Http => fixture.Local.Http;

    private Task<RawResponse> RawAsync(string requestLine, string headers = "", byte[]? body = null) =>
        RawHttp.SendAsync(fixture.Local.Port, requestLine, headers, body);

    private static void AssertJsonError(int expectedStatus, RawResponse response) => RawHttp.AssertJsonError(expectedStatus, response);

    [Fact]
    public async Task Headers_over_Kestrels_limit_are_431_with_a_JSON_message() =>
        AssertJsonError(431, await RawAsync("GET /pets HTTP/1.1", $"Authorization: Bearer {new string('a', 100_000)}\r\n"));

    [Fact]
    public async Task A_URL_over_Kestrels_limit_is_414_with_a_JSON_message() =>
        AssertJsonError(414, await RawAsync($"GET /pets?x={new string('a', 9_000)} HTTP/1.1"));

    [Theory]
    [InlineData("GET /pets%00 HTTP/1.1")]
    [InlineData("GET /admin/a%00b HTTP/1.1")]
    public async Task A_NUL_in_the_path_is_400_with_a_JSON_message(string requestLine) =>
        AssertJsonError(400, await RawAsync(requestLine));

    [Theory]
    [InlineData("/pets?limit=5%00", "limit must be a whole number")]
    [InlineData("/pets?limit=1&LIMIT=2", "Unknown query parameter(s): LIMIT")]
    [InlineData("/pets?Limit=1", "Unknown query parameter(s): Limit")]
    public async Task Query_parameters_are_read_as_API_Gateway_passes_them(string path, string message)
    {
        var token = await Http.LoginAsync("customer");
        var response = await Http.GetJsonAsync(path, token);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(message, response.Message);
    }

    [Theory]
    [InlineData("""{"type":"\u202Egod","price":1,"storeId":"downtown"}""", "invisible")]
    [InlineData("""{"type":"\ud800","price":1,"storeId":"downtown"}""", "not valid Unicode")]
    [InlineData("""{"type":"dog","price":1e-400,"storeId":"downtown"}""", "at most 2 decimal places")]
    [InlineData("""{"type":"dog","price":249.99000000000000000000000000001,"storeId":"downtown"}""", "at most 2 decimal places")]
    public async Task Bad_text_and_prices_are_400_and_write_nothing(string body, string message)
    {
        var token = await Http.LoginAsync("employee");
        var before = await Http.CountPetsAsync(token);

        var response = await Http.PostJsonAsync("/pets", body, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(message, response.Message);
        Assert.Equal(before, await Http.CountPetsAsync(token));
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_are_400_and_write_nothing()
    {
        var token = await Http.LoginAsync("employee");
        var before = await Http.CountPetsAsync(token);
        byte[] body = [.. """{"type":"d"""u8, 0xFF, 0xFE, .. """g","price":1,"storeId":"downtown"}"""u8];

        var response = await RawAsync("POST /pets HTTP/1.1", $"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n", body);

        AssertJsonError(400, response);
        Assert.Contains("UTF-8", response.Body.GetProperty("message").GetString());
        Assert.Equal(before, await Http.CountPetsAsync(token));
    }

    [Fact]
    public async Task Sixty_four_emoji_make_a_pet_type()
    {
        var token = await Http.LoginAsync("employee");
        var type = string.Concat(Enumerable.Repeat("🐱", 64));
        var created = await Http.PostJsonAsync("/pets", JsonSerializer.Serialize(new { type, price = 1, storeId = "downtown" }), token);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(type, created.Body.GetProperty("pet").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("Owner", HttpStatusCode.Conflict)]
    [InlineData("OWNER", HttpStatusCode.Conflict)]
    [InlineData("owner\u200b", HttpStatusCode.BadRequest)]
    [InlineData("\u043ewner", HttpStatusCode.BadRequest)]
    public async Task Look_alikes_of_an_existing_user_cannot_register(string username, HttpStatusCode expected)
    {
        var response = await Http.PostJsonAsync("/users", JsonSerializer.Serialize(new { username, password = "Brand-New-Pass-7", email = "x@example.com" }));
        Assert.Equal(expected, response.Status);
    }

    [Fact]
    public async Task Usernames_sign_in_whatever_their_case()
    {
        var token = await Http.LoginAsync("OWNER");
        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/admin/x", token)).Status);
    }

    [Fact]
    public async Task An_email_at_an_IP_address_is_400()
    {
        var response = await Http.PostJsonAsync("/users", """{"username":"iplit","password":"Brand-New-Pass-7","email":"a@[127.0.0.1]"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("email", response.Message);
    }
}
