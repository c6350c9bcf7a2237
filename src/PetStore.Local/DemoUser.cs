namespace PetStore.Local;

/// <summary>A demo user and the group it is in.</summary>
public sealed record DemoUser(string Username, string Group);
