using PetStore.Configuration;

namespace PetStore.Local;

/// <summary>A usage plan as local mode deploys it: one per tier in the configuration, as the CDK app does.</summary>
public sealed record LocalUsagePlan(string Id, string Name, string Tier, UsageTier Limits);
