namespace PetStore.Cedar;

/// <summary>
/// One policy from a file in cedar/policies. <see cref="Text"/> is the policy as written (annotations included);
/// <see cref="Statement"/> is what Verified Permissions stores: the same policy without its annotations, checked
/// by Cedar to mean the same thing.
/// </summary>
public sealed record CedarPolicy(string Id, string File, int Line, string Text, string Statement, string? Comment)
{
    /// <summary>The statement's JSON form as the Cedar engine gives it (its EST), which says what the policy reads.</summary>
    public System.Text.Json.Nodes.JsonObject? Json { get; init; }

    /// <summary>Verified Permissions limits a static policy's description to 150 characters.</summary>
    public const int MaxDescriptionLength = 150;

    /// <summary>Verified Permissions limits a policy to 10,000 bytes.</summary>
    public const int MaxStatementBytes = 10_000;

    /// <summary>The author's comment above the policy, then where it lives: <c>Employees may add pets (cedar/policies/pets.cedar:5)</c>.</summary>
    public string Description
    {
        get
        {
            var where = $" ({File}:{Line})";
            var what = Comment is { Length: > 0 } comment ? comment : $"Policy {Id}";
            var room = MaxDescriptionLength - where.Length;
            if (what.Length > room) what = what[..(room - 1)] + "…";
            return what + where;
        }
    }
}
