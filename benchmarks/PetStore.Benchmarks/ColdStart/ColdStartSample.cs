namespace PetStore.Benchmarks.ColdStart;

/// <summary>
/// One cold start. Wall: process start to the answer reaching the Runtime API. CPU time of the process; function
/// init and first invocation as the managed runtime's bootstrap stand-in timed them (a custom runtime is measured
/// from outside only).
/// </summary>
public sealed record ColdStartSample(double WallMs, double? CpuMs, double? InitMs, double? InvokeMs);
