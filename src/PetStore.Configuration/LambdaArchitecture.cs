namespace PetStore.Configuration;

public enum LambdaArchitecture
{
    Arm64,
    X86_64,
}
