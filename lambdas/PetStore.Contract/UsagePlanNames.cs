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
}
