namespace PetStore.Configuration;

public enum AuthorizerRuntime
{
    Custom,
    Managed,
}
