namespace PetStore.BundleCheck;

/// <summary>The check cannot go on (no cloud assembly, a bundle it cannot find, no emulator): the message says what to do.</summary>
public sealed class BundleCheckException(string message) : Exception(message);
