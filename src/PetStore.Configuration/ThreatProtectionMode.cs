namespace PetStore.Configuration;

public enum ThreatProtectionMode
{
    Off,
    Audit,
    Enforced,
}
