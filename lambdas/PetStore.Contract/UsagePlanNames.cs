namespace PetStore.Contract;

/// <summary>
/// How usage plans and API keys are named, by the CDK app, local mode and the onboarding CLI alike, and the key every
/// signed-in person is metered under.
/// </summary>
public static class UsagePlanNames
{
    /// <summary>A tier's usage plan: <c>PetStore-prod-gold</c>.</summary>
    public static string Plan(string environment, string tier) => $"PetStore-{environment}-{tier}";

    /// <summary>The API key of people (tokens from an app client, not a tenant): in the interactive tier's plan.</summary>
    public static string InteractiveKeyName(string environment) => $"PetStore-{environment}-interactive";

    /// <summary>
    /// The interactive key's value. Not a secret: with the API's key source AUTHORIZER, API Gateway never reads a key a
    /// client sends, so a value only links the authorizer's answers to a usage plan (at least 20 characters).
    /// </summary>
    public static string InteractiveKeyValue(string environment) => $"petstore-{environment}-interactive-usage-key";

    /// <summary>
    /// The values of the <paramref name="count"/> interactive keys: people are spread over them by principal
    /// (<see cref="InteractiveKeyFor"/>), and a usage plan's limits apply per key, so one person's flood drains only
    /// their key's bucket. One key keeps the plain value.
    /// </summary>
    public static IReadOnlyList<string> InteractiveKeyValues(string environment, int count) =>
        count <= 1 ? [InteractiveKeyValue(environment)] : [.. Enumerable.Range(0, count).Select(i => Sharded(InteractiveKeyValue(environment), i))];

    /// <summary>The names of the interactive keys, in the order of <see cref="InteractiveKeyValues"/>.</summary>
    public static IReadOnlyList<string> InteractiveKeyNames(string environment, int count) =>
        count <= 1 ? [InteractiveKeyName(environment)] : [.. Enumerable.Range(0, count).Select(i => $"{InteractiveKeyName(environment)}-{i:D2}")];

    /// <summary>The interactive key of a principal: the same one for every token of the person, whichever instance answers.</summary>
    public static string InteractiveKeyFor(string firstKeyValue, string principalId, int count) =>
        count <= 1 ? firstKeyValue : Sharded(firstKeyValue, Shard(principalId, count));

    /// <summary>A stable spread of principals over <paramref name="count"/> keys (SHA-256, not the process-salted string hash).</summary>
    public static int Shard(string principalId, int count) =>
        (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(principalId))) % (uint)count);

    private static string Sharded(string value, int shard) => $"{value}-{shard:D2}";
}
