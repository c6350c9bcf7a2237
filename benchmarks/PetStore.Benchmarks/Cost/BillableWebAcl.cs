using PetStore.Configuration;

namespace PetStore.Benchmarks.Cost;

/// <summary>A web ACL as it is billed: one monthly fee, one per rule (a managed rule group counts as one), one per request.</summary>
public sealed record BillableWebAcl(string Scope, int Rules);
