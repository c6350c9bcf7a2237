namespace PetStore.Configuration;

/// <summary>
/// A pool that accepts tenants' machine clients (cdk.json <c>userPools[].tenants</c>): app clients with the
/// client-credentials grant, made by the onboarding CLI, get tokens at the pool's domain.
/// </summary>
public sealed record PoolTenantsConfig
{
    /// <summary>The Cognito domain prefix of the pool's token endpoint (<c>https://&lt;prefix&gt;.auth.&lt;region&gt;.amazoncognito.com/oauth2/token</c>); unique per region.</summary>
    public required string DomainPrefix { get; init; }
}
