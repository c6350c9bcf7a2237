using System.Buffers.Text;
using System.Globalization;
using System.Text;
using PetStore.Contract;

namespace PetStore.Lambdas.ApiGateway;

/// <summary>Which order a page token's position is in: the table's, or an owner index's (by id, one owner's items).</summary>
public enum PageOrder
{
    Table,
    Owner,
}

/// <summary>
/// A list route's query string, <c>?limit=&amp;nextToken=</c>, read one way for every list: page sizes and page tokens
/// (a token is the position after the last item of the page before, in the order it was read in).
/// </summary>
public static class ListQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    private static readonly string[] ListQueryParameters = ["limit", "nextToken"];
    private const string TokenPrefix = "v1:";
    private const string OwnerOrderPrefix = "owner:";

    public static Validated<(int Limit, string? StartAfterId, PageOrder Order)> Parse(ProxyRequest request)
    {
        // Names are case-sensitive, as API Gateway passes them: LIMIT is not limit, and is not silently ignored.
        if (request.QueryNames.Where(n => !ListQueryParameters.Contains(n, StringComparer.Ordinal)).ToList() is { Count: > 0 } unknown)
            return Validated<(int, string?, PageOrder)>.Fail(
                $"Unknown query parameter(s): {string.Join(", ", unknown)}. Allowed: {string.Join(", ", ListQueryParameters)}.");

        var limitParam = request.Query("limit");
        var tokenParam = request.Query("nextToken");
        if (limitParam.Repeated || tokenParam.Repeated)
            return Validated<(int, string?, PageOrder)>.Fail("limit and nextToken may each be given once.");

        var limit = DefaultLimit;
        if (limitParam.Value is not null && !TryParseLimit(limitParam.Value, out limit))
            return Validated<(int, string?, PageOrder)>.Fail($"limit must be a whole number from 1 to {MaxLimit}.");

        if (tokenParam.Value is null) return Validated<(int, string?, PageOrder)>.Ok((limit, null, PageOrder.Table));
        var startAfter = DecodePageToken(tokenParam.Value);
        return startAfter is not { } position
            ? Validated<(int, string?, PageOrder)>.Fail("nextToken is not a token this API returned.")
            : Validated<(int, string?, PageOrder)>.Ok((limit, position.Id, position.Order));
    }

    /// <summary>
    /// ASCII digits only, no sign, no leading zero. (int.TryParse would also take trailing NULs, so <c>5%00</c>
    /// would pass as 5.)
    /// </summary>
    private static bool TryParseLimit(string text, out int limit)
    {
        limit = 0;
        return text.Length is > 0 and <= 3 && text.All(char.IsAsciiDigit) && text[0] != '0' &&
               int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit <= MaxLimit;
    }

    /// <summary>
    /// The token for the page after the item with this id. Tokens are positions, not secrets: a page holds only what
    /// its caller may see whatever position it starts from, so a token a client makes itself shows nothing more (see
    /// docs/API.md, "Query strings").
    /// </summary>
    public static string EncodePageToken(string lastId, PageOrder order = PageOrder.Table) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(TokenPrefix + (order == PageOrder.Owner ? OwnerOrderPrefix : "") + lastId));

    /// <summary>The id a token names, and in which order, if the token is exactly one this API could have returned.</summary>
    public static (string Id, PageOrder Order)? DecodePageToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (!text.StartsWith(TokenPrefix, StringComparison.Ordinal)) return null;
            var id = text[TokenPrefix.Length..];
            var order = id.StartsWith(OwnerOrderPrefix, StringComparison.Ordinal) ? PageOrder.Owner : PageOrder.Table;
            if (order == PageOrder.Owner) id = id[OwnerOrderPrefix.Length..];
            // Canonical only: another spelling of the same bytes or id (padding, stray bits, upper case) is not ours.
            return RouteParameters.IsCanonicalId(id) && EncodePageToken(id, order) == token ? (id, order) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
