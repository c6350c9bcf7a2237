namespace PetStore.Configuration;

/// <summary>A configuration problem, reported before any construct is made. The message names the context key.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
