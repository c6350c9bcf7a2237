using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Pets;
using PetStore.Lambdas.Tests.Fixtures;
using PetStore.Testing;

namespace PetStore.Lambdas.Tests.Pets;

public class PetRequestsTests
{
    private static Validated<NewPet> NewPet(string? body) => PetRequests.ParseNewPet(ProxyRequests.For("POST", "/pets", body), TestPrincipals.Stores);

    [Fact]
    public void A_valid_pet_is_read_with_its_type_trimmed()
    {
        var pet = NewPet("""{"type":"  dog ","price":249.99,"storeId":"downtown"}""");
        Assert.True(pet.IsValid, pet.Error);
        Assert.Equal(new NewPet("dog", 249.99m, "downtown", null), pet.Value);
    }

    [Theory]
    [InlineData("""{"type":"cat","price":249.990,"storeId":"downtown"}""", "249.99")]
    [InlineData("""{"type":"cat","price":10,"storeId":"downtown"}""", "10")]
    [InlineData("""{"type":"cat","price":0,"storeId":"downtown"}""", "0")]
    [InlineData("""{"type":"cat","price":1000000,"storeId":"downtown"}""", "1000000")]
    [InlineData("""{"type":"cat","price":1.5e2,"storeId":"downtown"}""", "150")]
    public void Prices_are_kept_in_one_canonical_form(string body, string expected)
    {
        var pet = NewPet(body);
        Assert.True(pet.IsValid, pet.Error);
        Assert.Equal(expected, pet.Value!.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(null, "Request body is required")]
    [InlineData("", "Request body is required")]
    [InlineData("{\"type\":\"dog\",", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("\"dog\"", "must be a JSON object")]
    [InlineData("""{"type":"dog","price":1,"type":"cat","storeId":"downtown"}""", "repeats a field")]
    [InlineData("""{"type":"dog","price":1,"color":"brown","storeId":"downtown"}""", "Unknown field(s): color")]
    [InlineData("""{"price":1}""", "type is required")]
    [InlineData("""{"type":"dog","storeId":"downtown"}""", "price is required")]
    [InlineData("""{"type":"","price":1,"storeId":"downtown"}""", "type must be 1 to 64 characters")]
    [InlineData("""{"type":"   ","price":1,"storeId":"downtown"}""", "type must be 1 to 64 characters")]
    [InlineData("""{"type":7,"price":1,"storeId":"downtown"}""", "type must be a string")]
    [InlineData("""{"type":"dog","price":-0.01,"storeId":"downtown"}""", "price must be a number from 0 to 1000000")]
    [InlineData("""{"type":"dog","price":1000000.01,"storeId":"downtown"}""", "price must be a number from 0 to 1000000")]
    [InlineData("""{"type":"dog","price":"12","storeId":"downtown"}""", "price must be a number from 0 to 1000000")]
    [InlineData("""{"type":"dog","price":1.234,"storeId":"downtown"}""", "at most 2 decimal places")]
    [InlineData("""{"type":"dog\u0000","price":1,"storeId":"downtown"}""", "control characters")]
    public void Bad_bodies_are_refused_with_a_message_naming_the_problem(string? body, string expected)
    {
        var pet = NewPet(body);
        Assert.False(pet.IsValid);
        Assert.Contains(expected, pet.Error);
    }

    [Fact]
    public void Every_problem_in_a_body_is_reported_at_once()
    {
        var pet = NewPet("""{"type":"","price":-1,"storeId":"downtown"}""");
        Assert.Contains("type must be", pet.Error);
        Assert.Contains("price must be", pet.Error);
    }

    [Fact]
    public void A_type_of_64_characters_is_accepted_and_65_refused()
    {
        Assert.True(NewPet($$"""{"type":"{{new string('a', 64)}}","price":1,"storeId":"downtown"}""").IsValid);
        Assert.False(NewPet($$"""{"type":"{{new string('a', 65)}}","price":1,"storeId":"downtown"}""").IsValid);
    }

    [Fact]
    public void A_body_over_the_size_limit_is_refused_before_parsing()
    {
        var body = $$"""{"type":"dog","price":1,"x":"{{new string('a', 17 * 1024)}}","storeId":"downtown"}""";
        Assert.Contains("at most", NewPet(body).Error);
    }

    [Fact]
    public void List_defaults_to_a_page_of_20_from_the_start()
    {
        var query = ListQuery.Parse(ProxyRequests.For("GET", "/pets"));
        Assert.Equal((20, (string?)null, PageOrder.Table), query.Value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("1.5")]
    [InlineData(" 5")]
    public void Limits_outside_1_to_100_are_refused(string limit)
    {
        var query = ListQuery.Parse(ProxyRequests.For("GET", "/pets", query: new() { ["limit"] = limit }));
        Assert.Contains("limit must be a whole number from 1 to 100", query.Error);
    }

    [Theory]
    [InlineData(PageOrder.Table)]
    [InlineData(PageOrder.Owner)]
    public void A_page_token_round_trips_to_the_id_and_order_it_was_made_from(PageOrder order)
    {
        var id = Guid.CreateVersion7().ToString("D");
        var query = ListQuery.Parse(ProxyRequests.For("GET", "/pets",
            query: new() { ["limit"] = "5", ["nextToken"] = ListQuery.EncodePageToken(id, order) }));
        Assert.Equal((5, (string?)id, order), query.Value);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("djE6bm90LWEtdXVpZA")] // "v1:not-a-uuid"
    [InlineData("eDE6MDE5OGYzYTItN2I3Yy03ZDFlLTlmMDAtMDEyMzQ1Njc4OWFi")] // wrong prefix
    public void Tampered_page_tokens_are_refused(string token)
    {
        var query = ListQuery.Parse(ProxyRequests.For("GET", "/pets", query: new() { ["nextToken"] = token }));
        Assert.Contains("nextToken is not a token this API returned", query.Error);
    }

    [Fact]
    public void A_repeated_query_parameter_is_refused_rather_than_one_value_picked()
    {
        var request = ProxyRequests.For("GET", "/pets") with
        {
            MultiValueQueryStringParameters = new() { ["limit"] = ["5", "6"] },
        };
        Assert.Contains("once", ListQuery.Parse(request).Error);
    }
}
