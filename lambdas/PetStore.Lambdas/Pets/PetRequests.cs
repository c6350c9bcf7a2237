using System.Buffers.Text;
using System.Globalization;
using System.Text;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;

namespace PetStore.Lambdas.Pets;

/// <summary>Pure checks and mappings of pet requests: bodies and idempotency keys (pages: <see cref="ListQuery"/>).</summary>
public static class PetRequests
{

    /// <summary>A new pet; its store must be one of <paramref name="stores"/> (the environment's).</summary>
    public static Validated<NewPet> ParseNewPet(ProxyRequest request, IReadOnlyList<Store> stores)
    {
        var body = RequestBody.Read(request, BodyModels.NewPet.Names);
        if (!body.IsValid) return Validated<NewPet>.Fail(body.Error!);

        var problems = new List<string>();
        var type = body.Value!.Text("type", PetRules.TypeMaxLength, problems);
        var price = body.Value.Number("price", PetRules.PriceMax, PetRules.PriceMaxDecimals, problems);
        var storeId = body.Value.OneOf("storeId", [.. stores.Select(s => s.Id)], required: true, problems);
        var status = body.Value.OneOf("status", PetStatuses.All, required: false, problems);
        return RequestBody.Problems(problems, () => new NewPet(type!, price!.Value, storeId!, status));
    }

    /// <summary>A change to a pet: <c>price</c>, <c>status</c> or both.</summary>
    public static Validated<PetChange> ParsePetChange(ProxyRequest request)
    {
        var body = RequestBody.Read(request, BodyModels.PetChange.Names);
        if (!body.IsValid) return Validated<PetChange>.Fail(body.Error!);

        var problems = new List<string>();
        var price = body.Value!.OptionalNumber("price", PetRules.PriceMax, PetRules.PriceMaxDecimals, problems);
        var status = body.Value.OneOf("status", PetStatuses.All, required: false, problems);
        if (!BodyModels.PetChange.Names.Any(body.Value.Has)) problems.Add($"give at least one of {string.Join(", ", BodyModels.PetChange.Names)}");
        return RequestBody.Problems(problems, () => new PetChange(price, status));
    }

    /// <summary>The header that makes creating a pet safe to retry.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int IdempotencyKeyMaxLength = 128;

    /// <summary>
    /// The client's <c>Idempotency-Key</c>, if any: 1 to 128 ASCII letters, digits, '.', '_', ':' or '-' (a UUID is
    /// typical). Anything else is refused rather than read some way.
    /// </summary>
    public static Validated<string?> ParseIdempotencyKey(ProxyRequest request) => request.Header(IdempotencyKeyHeader) switch
    {
        null => Validated<string?>.Ok(null),
        { Length: > 0 and <= IdempotencyKeyMaxLength } key when key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-') => Validated<string?>.Ok(key),
        _ => Validated<string?>.Fail($"{IdempotencyKeyHeader} must be 1 to {IdempotencyKeyMaxLength} ASCII letters, digits, '.', '_', ':' or '-'."),
    };

    /// <summary>
    /// The id of the pet <paramref name="principal"/> creates with <paramref name="key"/>: the same for every retry, and
    /// another for another caller or key (a UUID from a SHA-256 of both, version 8 as RFC 9562 allows for such ids).
    /// </summary>
    public static string IdFor(string principal, string key)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"petstore/pet\n{principal}\n{key}"));
        hash[6] = (byte)(0x80 | (hash[6] & 0x0F));
        hash[8] = (byte)(0x80 | (hash[8] & 0x3F));
        var hex = Convert.ToHexStringLower(hash, 0, 16);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
