namespace PetStore.Contract;

/// <summary>One input a policy reads, e.g. <c>principal.username</c> or <c>context.pathParameters.proxy</c>.</summary>
public sealed record RequestInput(RequestInputKind Kind, string? Name = null)
{
    public override string ToString() => Kind switch
    {
        RequestInputKind.PathParameter => $"context.{CedarAction.PathParametersAttribute}.{Name}",
        RequestInputKind.Principal => Name is null ? "principal" : $"principal.{Name}",
        RequestInputKind.Action => "action",
        RequestInputKind.ResourceAttribute => $"resource.{Name}",
        RequestInputKind.Body => Name is null ? $"context.{CedarAction.BodyAttribute}" : $"context.{CedarAction.BodyAttribute}.{Name}",
        _ => "resource",
    };
}
