using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using PetStore.Contract;
using PetStoreInfra.Compliance;
using PetStore.Configuration;

namespace PetStoreInfra.Constructs;

public sealed record PetStoreUserPoolProps(
    UserPoolConfig Pool,
    bool Retain,
    ThreatProtectionMode ThreatProtection,
    int AccessTokenValidityMinutes,
    int RefreshTokenValidityDays,
    IFunction TokenScopesTrigger);

/// <summary>
/// One Cognito user pool with its groups, the API's resource server and scope, and the app client the API signs
/// users in with. Hardened: strong passwords, TOTP MFA (offered, or required of every user: <see cref="PoolMfa"/>),
/// no user-existence errors, token revocation.
/// </summary>
public sealed class PetStoreUserPool : Construct
{
    /// <summary>Lower precedence wins when a user is in several groups.</summary>
    private static readonly IReadOnlyDictionary<string, int> GroupPrecedence = new Dictionary<string, int>
    {
        [Groups.Owners] = 1,
        [Groups.Employees] = 2,
        [Groups.Customers] = 3,
    };

    /// <summary>Room for dozens of store ids, comma-separated.</summary>
    public const int StoresAttributeMaxLength = 2048;

    public UserPoolConfig Config { get; }
    public UserPool UserPool { get; }
    public UserPoolClient Client { get; }

    public PetStoreUserPool(Construct scope, string id, PetStoreUserPoolProps props) : base(scope, id)
    {
        Config = props.Pool;
        UserPool = new UserPool(this, "Pool", new UserPoolProps
        {
            SelfSignUpEnabled = props.Pool.SelfSignUp,
            SignInAliases = new SignInAliases { Username = true },
            SignInCaseSensitive = false,
            StandardAttributes = new StandardAttributes { Email = new StandardAttribute { Required = true, Mutable = true } },
            // The stores a person works in: set by admins (AdminUpdateUserAttributes), never by the person's own client,
            // copied into access tokens by the pre token generation trigger.
            CustomAttributes = new Dictionary<string, ICustomAttribute>
            {
                [CognitoClaims.Stores["custom:".Length..]] = new StringAttribute(new StringAttributeProps { MinLen = 0, MaxLen = StoresAttributeMaxLength, Mutable = true }),
            },
            AutoVerify = new AutoVerifiedAttrs { Email = true },
            AccountRecovery = AccountRecovery.EMAIL_ONLY,
            PasswordPolicy = new PasswordPolicy
            {
                MinLength = PasswordRules.MinLength,
                RequireLowercase = true,
                RequireUppercase = true,
                RequireDigits = true,
                RequireSymbols = true,
                TempPasswordValidity = Duration.Days(3),
            },
            Mfa = props.Pool.Mfa == PoolMfa.Required ? Mfa.REQUIRED : Mfa.OPTIONAL,
            MfaSecondFactor = new MfaSecondFactor { Otp = true, Sms = false },
            AdvancedSecurityMode = props.ThreatProtection switch
            {
                ThreatProtectionMode.Enforced => AdvancedSecurityMode.ENFORCED,
                ThreatProtectionMode.Audit => AdvancedSecurityMode.AUDIT,
                _ => AdvancedSecurityMode.OFF,
            },
            DeletionProtection = props.Retain,
            RemovalPolicy = props.Retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        // Access-token customization (the API scope) needs Essentials; threat protection needs Plus. CDK 2.160.0
        // has no property for the plan yet.
        ((CfnUserPool)UserPool.Node.DefaultChild!).AddPropertyOverride("UserPoolTier",
            props.ThreatProtection == ThreatProtectionMode.Off ? "ESSENTIALS" : "PLUS");
        if (props.Pool.Mfa == PoolMfa.Optional)
            Suppressions.Add(UserPool, "AwsSolutions-COG2", props.Pool.HoldsStaff
                ? "This environment keeps no data (retainData: false) and stays easy to try, so its staff may sign in without a second factor; " +
                  "where retainData is true the configuration refuses staff groups in a pool without mfa: required."
                : "Customers sign themselves up and can only read pets: they may add a TOTP authenticator but are not forced to. " +
                  "Staff, who write pets and administer, sign in to a pool with mfa: required wherever retainData is true.");
        UserPool.AddTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, props.TokenScopesTrigger, LambdaVersion.V2_0);

        foreach (var group in props.Pool.Groups)
        {
            _ = new CfnUserPoolGroup(this, $"Group{char.ToUpperInvariant(group[0])}{group[1..]}", new CfnUserPoolGroupProps
            {
                UserPoolId = UserPool.UserPoolId,
                GroupName = group,
                Precedence = GroupPrecedence[group],
                Description = $"Pet Store {group}",
            });
        }

        _ = UserPool.AddResourceServer("ResourceServer", new UserPoolResourceServerOptions
        {
            Identifier = ApiScope.ResourceServerIdentifier,
            Scopes = [new ResourceServerScope(new ResourceServerScopeProps { ScopeName = ApiScope.Name, ScopeDescription = "Call the Pet Store API" })],
        });

        Client = UserPool.AddClient("ApiClient", new UserPoolClientOptions
        {
            AuthFlows = new AuthFlow { UserPassword = true },
            GenerateSecret = false,
            // The API signs users in itself; no hosted-UI flows.
            DisableOAuth = true,
            PreventUserExistenceErrors = true,
            EnableTokenRevocation = true,
            AccessTokenValidity = Duration.Minutes(props.AccessTokenValidityMinutes),
            IdTokenValidity = Duration.Minutes(props.AccessTokenValidityMinutes),
            RefreshTokenValidity = Duration.Days(props.RefreshTokenValidityDays),
            // Without this list a client may write every mutable attribute, custom:stores included: a person could
            // then give themselves a store. Sign-up sets the email; nothing else is the person's to write.
            WriteAttributes = new ClientAttributes().WithStandardAttributes(new StandardAttributesMask { Email = true }),
        });

        // Tenants' machine clients (made by the onboarding CLI) get client-credentials tokens at the pool's domain.
        if (props.Pool.Tenants is { } tenants)
            _ = UserPool.AddDomain("TenantDomain", new UserPoolDomainOptions { CognitoDomain = new CognitoDomainOptions { DomainPrefix = tenants.DomainPrefix } });
    }

    /// <summary>
    /// How the authorizer trusts this pool: its issuer, its API client for people, the groups it may grant, and for a
    /// pool with tenants, a client-credentials token of any other client as a tenant's machine client (its <c>client_id</c>
    /// is the registry's tenant id).
    /// </summary>
    public TrustedIssuer ToTrustedIssuer() => TrustedIssuer.Cognito(
        Config.Name, UserPool.UserPoolProviderUrl, UserPool.UserPoolId, Client.UserPoolClientId, Config.Groups, Config.Tenants is not null);
}
