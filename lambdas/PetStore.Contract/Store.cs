namespace PetStore.Contract;

/// <summary>
/// A store of the pet store chain, configured per environment (cdk.json <c>stores</c>): pets belong to one, staff work in
/// some (their identity provider says which), orders are placed in one. Its id is its Cedar entity id (<c>PetStore::Store::"downtown"</c>).
/// </summary>
public sealed record Store(string Id, string Name)
{
    public const int IdMaxLength = 32;

    /// <summary>An id as JSON Schema checks it (ECMA 262), the same rule as <see cref="IsValidId"/>.</summary>
    public const string IdPattern = "^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?" + TextRules.EndOfText;

    /// <summary>Lower-case letters, digits and '-', 1 to 32, not starting or ending with '-': safe in a token claim, a DynamoDB value and a Cedar id.</summary>
    public static bool IsValidId(string id) =>
        id.Length is >= 1 and <= IdMaxLength && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && id[0] != '-' && id[^1] != '-';
}
