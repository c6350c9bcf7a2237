using System.Globalization;
using System.Text;
using System.Text.Json;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;

namespace PetStore.Lambdas.Pets;

/// <summary>Pure checks and mappings of pet requests: bodies, ids, page sizes and page tokens.</summary>
public static class PetRequests
{
    public const int TypeMaxLength = PetRules.TypeMaxLength;
    public const decimal PriceMax = PetRules.PriceMax;
    public const int PriceMaxDecimals = PetRules.PriceMaxDecimals;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    private static readonly string[] NewPetFields = ["type", "price"];
    private const string TokenPrefix = "v1:";

    public static Validated<NewPet> ParseNewPet(string? body)
    {
        var parsed = JsonBody.ParseObject(body, NewPetFields);
        if (!parsed.IsValid) return Validated<NewPet>.Fail(parsed.Error!);

        var problems = new List<string>();
        var type = JsonBody.RequiredString(parsed.Value, "type", 1, TypeMaxLength, problems);
        var price = ParsePrice(parsed.Value, problems);
        return JsonBody.Problems(problems, () => new NewPet(type!, price!.Value));
    }

    private static decimal? ParsePrice(JsonElement body, List<string> problems)
    {
        if (!body.TryGetProperty("price", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problems.Add("price is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var price) || price < 0 || price > PriceMax)
        {
            problems.Add($"price must be a number from 0 to {PriceMax.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        if (price.Scale > PriceMaxDecimals && decimal.Round(price, PriceMaxDecimals) != price)
        {
            problems.Add($"price must have at most {PriceMaxDecimals} decimal places");
            return null;
        }
        // 249.990 and 249.99 are the same price: store and return one form.
        return decimal.Parse(price.ToString("0.##", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Pet ids are UUIDs the server made; anything else cannot name a pet.</summary>
    public static Validated<string> ParsePetId(string? petId) =>
        Guid.TryParseExact(petId, "D", out var id)
            ? Validated<string>.Ok(id.ToString("D"))
            : Validated<string>.Fail("petId must be a pet id (a UUID).");

    public static Validated<(int Limit, string? StartAfterId)> ParseListQuery(ProxyRequest request)
    {
        var limitParam = request.Query("limit");
        var tokenParam = request.Query("nextToken");
        if (limitParam.Repeated || tokenParam.Repeated)
            return Validated<(int, string?)>.Fail("limit and nextToken may each be given once.");

        var limit = DefaultLimit;
        if (limitParam.Value is not null &&
            (!int.TryParse(limitParam.Value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
            return Validated<(int, string?)>.Fail($"limit must be a whole number from 1 to {MaxLimit}.");

        if (tokenParam.Value is null) return Validated<(int, string?)>.Ok((limit, null));
        var startAfter = DecodePageToken(tokenParam.Value);
        return startAfter is null
            ? Validated<(int, string?)>.Fail("nextToken is not a token this API returned.")
            : Validated<(int, string?)>.Ok((limit, startAfter));
    }

    /// <summary>An opaque token for the page after the pet with this id.</summary>
    public static string EncodePageToken(string lastId) =>
        Base64Url.Encode(Encoding.UTF8.GetBytes(TokenPrefix + lastId));

    public static string? DecodePageToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.Decode(token));
            if (!text.StartsWith(TokenPrefix, StringComparison.Ordinal)) return null;
            var id = ParsePetId(text[TokenPrefix.Length..]);
            return id.IsValid ? id.Value : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
