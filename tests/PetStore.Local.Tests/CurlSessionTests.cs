using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using System.Text;
using PetStore.Lambdas.ApiGateway;

namespace PetStore.Local.Tests;

/// <summary>The seed's curl session against local mode: real handlers, real authorizer, real Cedar decisions.</summary>
public class CurlSessionTests(LocalFixture fixture)
{
    private const string ExplicitDeny = "User is not authorized to access this resource with an explicit deny";
    private HttpClient Http => fixture.Local.Http;

    [Fact]
    public async Task Anonymous_callers_get_the_welcome_but_not_the_pets()
    {
        var welcome = await Http.GetJsonAsync("/");
        var pets = await Http.GetJsonAsync("/pets");

        Assert.Equal(HttpStatusCode.OK, welcome.Status);
        Assert.Equal("Welcome to your Pet Store API", welcome.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, pets.Status);
        Assert.Equal("Unauthorized", pets.Message);
        Assert.Equal("Bearer", pets.Raw.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_customer_lists_pets_but_may_not_add_one()
    {
        var token = await Http.LoginAsync("customer");

        var list = await Http.GetJsonAsync("/pets", token);
        var create = await Http.PostJsonAsync("/pets", """{"type":"dog","price":249.99,"storeId":"downtown"}""", token);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        Assert.Equal("You may not add pets to store downtown.", create.Message);
    }

    [Fact]
    public async Task An_employee_adds_a_pet_reads_it_back_and_is_refused_admin()
    {
        var token = await Http.LoginAsync("employee");

        var created = await Http.PostJsonAsync("/pets", """{"type":"cat","price":99.5,"storeId":"downtown"}""", token);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("success", created.Message);
        var id = created.Body.GetProperty("pet").GetProperty("id").GetString()!;

        var read = await Http.GetJsonAsync($"/pets/{id}", token);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("cat", read.Body.GetProperty("type").GetString());
        Assert.Equal(99.5m, read.Body.GetProperty("price").GetDecimal());

        var admin = await Http.GetJsonAsync("/admin/curltest1", token);
        Assert.Equal(HttpStatusCode.Forbidden, admin.Status);
        Assert.Equal(ExplicitDeny, admin.Message);
    }

    [Fact]
    public async Task Only_an_owner_deletes_a_pet_a_refused_delete_leaves_it_and_a_second_delete_is_404()
    {
        var employee = await Http.LoginAsync("employee");
        var id = (await Http.PostJsonAsync("/pets", """{"type":"hamster","price":9.5,"storeId":"downtown"}""", employee)).Body.GetProperty("pet").GetProperty("id").GetString()!;

        foreach (var user in new[] { "customer", "employee" })
        {
            var refused = await Http.SendJsonAsync(HttpMethod.Delete, $"/pets/{id}", await Http.LoginAsync(user));
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            Assert.Equal(ExplicitDeny, refused.Message);
        }
        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync($"/pets/{id}", employee)).Status);

        var owner = await Http.LoginAsync("owner");
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/pets/{id}") { Headers = { Authorization = new("Bearer", owner) } };
        using var deleted = await Http.SendAsync(delete);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync($"/pets/{id}", employee)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.SendJsonAsync(HttpMethod.Delete, $"/pets/{id}", owner)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.SendJsonAsync(HttpMethod.Delete, "/pets/not-an-id", owner)).Status);
    }

    [Fact]
    public async Task An_owner_reaches_admin()
    {
        var token = await Http.LoginAsync("owner");

        var admin = await Http.GetJsonAsync("/admin/curltest1", token);
        var nested = await Http.SendJsonAsync(HttpMethod.Delete, "/admin/pets/old", token);

        Assert.Equal(HttpStatusCode.OK, admin.Status);
        Assert.Equal("User authorized for /admin/curltest1", admin.Message);
        Assert.Equal("User authorized for /admin/pets/old", nested.Message);
    }

    [Fact]
    public async Task Verbs_outside_ANYs_expansion_are_denied_even_for_owners()
    {
        var token = await Http.LoginAsync("owner");
        using var request = new HttpRequestMessage(HttpMethod.Options, "/admin/curltest1");
        request.Headers.Authorization = new("Bearer", token);
        var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_newly_registered_user_can_read_but_not_write()
    {
        var username = $"newbie{Guid.NewGuid():N}"[..20];
        var registered = await Http.PostJsonAsync("/users", JsonSerializer.Serialize(new { username, password = "Brand-New-Pass-7", email = $"{username}@example.com" }));
        Assert.Equal(HttpStatusCode.Created, registered.Status);
        Assert.Equal(username, registered.Body.GetProperty("username").GetString());
        Assert.True(registered.Body.GetProperty("userConfirmed").GetBoolean());

        var again = await Http.PostJsonAsync("/users", JsonSerializer.Serialize(new { username, password = "Brand-New-Pass-7", email = $"{username}@example.com" }));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);

        var token = await Http.LoginAsync(username, "Brand-New-Pass-7");
        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync("/pets", token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.PostJsonAsync("/pets", """{"type":"dog","price":1,"storeId":"downtown"}""", token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetJsonAsync("/admin/x", token)).Status);
    }

    [Fact]
    public async Task Wrong_credentials_are_401()
    {
        var login = await Http.PostJsonAsync("/login", """{"username":"owner","password":"Not-The-Pass-1"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, login.Status);
        Assert.Equal("Incorrect username or password.", login.Message);
    }

    [Fact]
    public async Task Tampered_and_unsigned_tokens_are_refused_by_both_authorizers()
    {
        var token = await Http.LoginAsync("customer");
        var parts = token.Split('.');
        var claims = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"customers\"", "\"owners\"");
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims))}.{parts[2]}";
        var unsigned = $"{Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8.ToArray())}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims))}.";

        foreach (var bad in new[] { tampered, unsigned, "not-a-token" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetJsonAsync("/pets", bad)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Http.PostJsonAsync("/pets", """{"type":"dog","price":1,"storeId":"downtown"}""", bad)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetJsonAsync("/admin/curltest1", bad)).Status);
        }
    }

    [Theory]
    [InlineData("""{"type":"dog","price":"cheap","storeId":"downtown"}""", "price")]
    [InlineData("""{"type":"","price":1,"storeId":"downtown"}""", "type")]
    [InlineData("""{"type":"dog","price":1,"owner":"me"}""", "Unknown field")]
    [InlineData("""{"type":"dog","price":-5,"storeId":"downtown"}""", "price")]
    [InlineData("""{"type":"dog","price":2000000,"storeId":"downtown"}""", "price")]
    [InlineData("""{"type":"dog",""", "not valid JSON")]
    [InlineData("""[]""", "JSON object")]
    public async Task Bad_bodies_are_400_and_write_nothing(string body, string message)
    {
        var token = await Http.LoginAsync("employee");
        var before = await Http.CountPetsAsync(token);

        var response = await Http.PostJsonAsync("/pets", body, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(message, response.Message);
        Assert.Equal(before, await Http.CountPetsAsync(token));
    }

    [Theory]
    [InlineData("""{"username":"weak","password":"short","email":"weak@example.com"}""", "password must have")]
    [InlineData("""{"username":"bademail","password":"Brand-New-Pass-7","email":"nope"}""", "email")]
    [InlineData("""{"username":"missing"}""", "password is required")]
    public async Task Bad_registrations_are_400(string body, string message)
    {
        var response = await Http.PostJsonAsync("/users", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(message, response.Message);
    }

    [Theory]
    [InlineData("GET", "/nope")]
    [InlineData("DELETE", "/pets")]
    [InlineData("PUT", "/")]
    [InlineData("GET", "/admin")]
    public async Task Paths_and_verbs_outside_the_route_table_are_denied(string method, string path)
    {
        var response = await Http.SendJsonAsync(new HttpMethod(method), path);
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("Missing Authentication Token", response.Message);
    }

    [Fact]
    public async Task An_unknown_pet_is_404_and_a_malformed_id_400()
    {
        var token = await Http.LoginAsync("customer");
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync($"/pets/{Guid.NewGuid()}", token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetJsonAsync("/pets/not-an-id", token)).Status);
    }

    [Fact]
    public async Task The_authorizer_decision_is_cached_per_token_verb_and_route()
    {
        var token = await Http.LoginAsync("owner");
        await Http.GetJsonAsync("/admin/cache-a", token);
        var decisions = fixture.Local.Lines.Count(l => l.Contains("\"Authorization decision\""));

        var second = await Http.GetJsonAsync("/admin/cache-b", token);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(decisions, fixture.Local.Lines.Count(l => l.Contains("\"Authorization decision\"")));
    }
}
