namespace PetStore.Configuration;

/// <summary>One store of <c>stores</c> in cdk.json: <c>{"id": "downtown", "name": "Downtown"}</c>.</summary>
public sealed record StoreConfig(string Id, string Name);
