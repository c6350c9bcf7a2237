namespace PetStore.NodeTools;

/// <summary>Something the machine must have first (Node, <c>npm ci</c>); the message says what to run.</summary>
public sealed class MissingPrerequisiteException(string message) : Exception(message);
