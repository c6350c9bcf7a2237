namespace PetStoreInfra.Compliance;

public enum FindingStatus
{
    Failed,
    Suppressed,
}
