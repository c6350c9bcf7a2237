namespace PetStore.Configuration;

public enum PoolMfa
{
    /// <summary>Users may add a TOTP authenticator; sign-in asks for it once they have.</summary>
    Optional,

    /// <summary>Every sign-in needs a TOTP code; a user without an authenticator registers one at first sign-in.</summary>
    Required,
}
