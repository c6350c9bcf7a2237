namespace PetStore.Contract;

/// <summary>IAM actions a function may take on one resource, and why: its role gets exactly its grants.</summary>
public sealed record Grant(GrantTarget Target, IReadOnlyList<string> Actions, string Why)
{
    /// <summary>The AWS service the actions belong to (<c>dynamodb</c>), whose endpoint local mode points at a stand-in.</summary>
    public string Service => Actions[0][..Actions[0].IndexOf(':')];
}
