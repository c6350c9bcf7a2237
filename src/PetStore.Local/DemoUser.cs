namespace PetStore.Local;

/// <summary>A demo user and the group it is in.</summary>
public sealed record DemoUser(string Username, string Group, params string[] Stores)
{
    public override string ToString() => Stores.Length == 0 ? $"{Username} ({Group})" : $"{Username} ({Group}, {string.Join(", ", Stores)})";
}
