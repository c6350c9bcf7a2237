namespace PetStore.Configuration;

/// <summary>
/// The secret header CloudFront adds and the regional web ACL requires. Two slots, so that a new value can be put in
/// place before CloudFront switches to it: bump the inactive slot's generation, deploy, switch <see cref="Active"/>,
/// deploy.
/// </summary>
public sealed record OriginSecretConfig
{
    public required string Active { get; init; }
    public required int GenerationA { get; init; }
    public required int GenerationB { get; init; }
}
