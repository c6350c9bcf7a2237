using PetStore.Configuration;

namespace PetStore.Benchmarks.Cost;

/// <summary>A function as it is billed: how much memory, which architecture, which runtime (its cold start differs).</summary>
public sealed record BillableFunction(string Handler, int MemorySizeMb, LambdaArchitecture Architecture, FunctionRuntime Runtime);
