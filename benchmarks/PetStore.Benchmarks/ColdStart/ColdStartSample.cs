namespace PetStore.Benchmarks.ColdStart;

/// <summary>
/// One cold start. Wall: process start to the answer reaching the Runtime API. CPU time of the process. Init and
/// first invocation as Lambda divides them, seen from the emulated Runtime API: init ends at the runtime's first poll
/// for an event, the invocation runs from handing it the event to its answer.
/// </summary>
public sealed record ColdStartSample(double WallMs, double? CpuMs, double? InitMs, double? InvokeMs);
