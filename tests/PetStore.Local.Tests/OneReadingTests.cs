using System.Net;
using System.Text;
using System.Text.Json;
using PetStore.Contract;

namespace PetStore.Local.Tests;

/// <summary>
/// What a policy decides about is what the handler does, end to end: a policy about one pet id or one admin path
/// holds for every spelling of it, and what cannot be read one way only is refused before anything acts on it.
/// </summary>
public class OneReadingTests(LocalFixture fixture)
{
    private HttpClient Http => fixture.Local.Http;

    private Task<RawResponse> RawAsync(string requestLine, string token, string headers = "", byte[]? body = null, string? framing = null) =>
        RawHttp.SendAsync(fixture.Local.Port, requestLine, $"Authorization: Bearer {token}\r\n{headers}", body, framing);

    private async Task<string> CreatePetAsync()
    {
        var created = await Http.PostJsonAsync("/pets", """{"type":"guarded","price":1,"storeId":"downtown"}""", await Http.LoginAsync("employee"));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Body.GetProperty("pet").GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_forbid_on_one_pet_id_holds_for_every_spelling_of_that_id()
    {
        var id = await CreatePetAsync();
        var owner = await Http.LoginAsync("owner");
        await using (await ExtraPolicy.AddAsync(fixture.Local, "keep-one-pet", $$"""
            @id("keep-one-pet")
            forbid (principal, action == PetStore::Action::"delete /pets/{petId}", resource)
            when { context.pathParameters.petId == "{{id}}" };
            """))
        {
            foreach (var spelling in new[] { id.ToUpperInvariant(), $"%20{id}%20", $"{id}%0A", $"%{(int)id[0]:X2}{id[1..]}".ToUpperInvariant(), $"{id}%2F" })
            {
                // A policy reads petId, so the authorizer answers this request alone: a spelling it cannot read is denied.
                var response = await RawAsync($"DELETE /pets/{spelling} HTTP/1.1", owner);
                RawHttp.AssertJsonError(403, response);
                Assert.Equal(GatewayMessages.UnreadableParameter("petId"), response.Message);
                Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync($"/pets/{id}", owner)).Status);
            }
            // Another spelling that means the same id is decided as that id.
            Assert.Equal(403, (await RawAsync($"DELETE /pets/%{(int)id[0]:X2}{id[1..]} HTTP/1.1", owner)).Status);
            Assert.Equal(403, (await RawAsync($"DELETE /pets/{id} HTTP/1.1", owner)).Status);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync($"/pets/{id}", owner)).Status);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/pets/{id}")
        {
            Headers = { Authorization = new("Bearer", owner) },
        })).StatusCode);
    }

    /// <summary>No policy reads petId, so the cached answer covers the route: the handler refuses the spelling.</summary>
    [Theory]
    [InlineData("UPPER")]
    [InlineData("padded")]
    [InlineData("newline")]
    public async Task A_non_canonical_pet_id_is_400_and_nothing_is_deleted(string how)
    {
        var id = await CreatePetAsync();
        var owner = await Http.LoginAsync("owner");
        var spelling = how switch { "UPPER" => id.ToUpperInvariant(), "padded" => $"%20{id}%20", _ => $"{id}%0A" };

        var response = await RawAsync($"DELETE /pets/{spelling} HTTP/1.1", owner);

        RawHttp.AssertJsonError(400, response);
        Assert.StartsWith("petId must be an id as this API returns it", response.Message);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync($"/pets/{id}", owner)).Status);
    }

    [Fact]
    public async Task An_encoded_slash_in_an_admin_path_is_decided_as_the_slash_it_stands_for()
    {
        var owner = await Http.LoginAsync("owner");
        await using (await ExtraPolicy.AddAsync(fixture.Local, "no-secrets", """
            @id("no-secrets")
            forbid (principal, action == PetStore::Action::"get /admin/{proxy+}", resource)
            when { context.pathParameters.proxy like "secret/*" };
            """))
        {
            Assert.Equal(403, (await RawAsync("GET /admin/secret%2Fx HTTP/1.1", owner)).Status);
            Assert.Equal(403, (await RawAsync("GET /admin/secret%2fx HTTP/1.1", owner)).Status);
            Assert.Equal(403, (await RawAsync("GET /admin/secret/x HTTP/1.1", owner)).Status);
            var open = await RawAsync("GET /admin/public%2Fx HTTP/1.1", owner);
            Assert.Equal(200, open.Status);
            Assert.Equal("User authorized for /admin/public/x", open.Message);
            // Dot segments and double encodings are refused, never resolved into a path no policy saw.
            foreach (var path in new[] { "/admin/public/../secret/x", "/admin/public/%2E%2E/secret/x", "/admin/secret%252Fx", "/admin/public%2F%2Fx" })
            {
                var refused = await RawAsync($"GET {path} HTTP/1.1", owner);
                RawHttp.AssertJsonError(403, refused);
                Assert.Equal(GatewayMessages.UnreadableParameter("proxy"), refused.Message);
            }
        }
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("Delete")]
    public async Task Methods_are_case_sensitive_as_in_API_Gateway(string method)
    {
        var id = await CreatePetAsync();
        var owner = await Http.LoginAsync("owner");

        var response = await RawAsync($"{method} /pets/{id} HTTP/1.1", owner);

        RawHttp.AssertJsonError(403, response);
        Assert.Equal("Missing Authentication Token", response.Message);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync($"/pets/{id}", owner)).Status);
    }

    [Theory]
    [InlineData("gzip, chunked")]
    [InlineData("chunked, chunked")]
    [InlineData("identity, chunked")]
    public async Task A_transfer_coding_other_than_chunked_is_501_and_writes_nothing(string coding)
    {
        var employee = await Http.LoginAsync("employee");
        var before = await Http.CountPetsAsync(employee);
        var json = Encoding.UTF8.GetBytes("""{"type":"zipped","price":1,"storeId":"downtown"}""");
        byte[] body = [.. Encoding.ASCII.GetBytes($"{json.Length:X}\r\n"), .. json, .. "\r\n0\r\n\r\n"u8];

        var response = await RawAsync("POST /pets HTTP/1.1", employee, "Content-Type: application/json\r\n", body, $"Transfer-Encoding: {coding}\r\n");

        RawHttp.AssertJsonError(501, response);
        Assert.Contains("Transfer-Encoding", response.Message);
        Assert.Equal(before, await Http.CountPetsAsync(employee));
    }

    [Fact]
    public async Task Chunked_alone_is_read_as_ever()
    {
        var employee = await Http.LoginAsync("employee");
        var json = Encoding.UTF8.GetBytes("""{"type":"chunky","price":1,"storeId":"downtown"}""");
        byte[] body = [.. Encoding.ASCII.GetBytes($"{json.Length:X}\r\n"), .. json, .. "\r\n0\r\n\r\n"u8];

        var response = await RawAsync("POST /pets HTTP/1.1", employee, "Content-Type: application/json\r\n", body, "Transfer-Encoding: chunked\r\n");

        Assert.Equal(201, response.Status);
        Assert.Equal("chunky", response.Body.GetProperty("pet").GetProperty("type").GetString());
    }
}
