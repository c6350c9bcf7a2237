namespace PetStore.Contract;

/// <summary>What a path parameter holds, and so how <see cref="RouteParameters"/> reads it.</summary>
public enum PathParameterKind
{
    /// <summary>An id this API made: a UUID, exactly as the API returns it (lower case, 36 characters).</summary>
    Id,

    /// <summary>A greedy parameter (<c>{proxy+}</c>): one or more segments joined by <c>/</c>.</summary>
    Path,
}
