using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using PetStore.Configuration;
using PetStore.Contract;
using System.CommandLine;
using PetStore.Aws;

namespace PetStore.Tenants;

/// <summary>
/// The command line (System.CommandLine; --help lists it). Exit codes: 0 done, 1 failed (and undone), 2 a usage or
/// configuration mistake, said in one line.
/// </summary>
public static class TenantsCommand
{
    private static readonly Option<string?> Local = new("--local") { Description = "local mode's services URL (it prints it; e.g. http://127.0.0.1:3001)", Recursive = true };
    private static readonly Option<string?> Region = new("--region") { Description = "the AWS region (default: the environment's)", Recursive = true };
    private static readonly Option<string?> TenantsTable = new("--tenants-table") { Description = "the Data stack's TenantsTableName output (AWS)", Recursive = true };
    private static readonly Option<string[]> UserPool = new("--user-pool")
    {
        Description = "Name=Id of a pool that holds tenants' clients, from the Identity stack's outputs (AWS; repeatable)", Recursive = true,
        DefaultValueFactory = _ => [],
    };
    private static readonly Option<string?> Env = new("--env") { Description = "the cdk.json environment (default dev)", Recursive = true };
    private static readonly Option<string?> Tier = new("--tier") { Description = "the usage tier (cdk.json usagePlans.tiers)", Required = true };
    private static readonly Option<string?> Issuer = new("--issuer") { Description = "the pool or OIDC provider whose tokens the tenant's client gets" };
    private static readonly Option<string?> TenantId = new("--tenant-id") { Description = "the tenant id the provider's tokens carry (OIDC providers)" };
    private static readonly Argument<string> Tenant = new("tenant") { Description = "the tenant's name: 2-40 lower-case letters, digits and '-'" };
    private static readonly Argument<string> NewTier = new("tier") { Description = "the usage tier to move to" };

    /// <summary>The commands and options, for parsing and for --help.</summary>
    private static RootCommand Commands()
    {
        var tenant = Tenant;
        return new RootCommand("Onboards and manages tenants: their machine client, API key, usage plan and registry row, on AWS or in local mode.")
        {
            Local, Region, TenantsTable, UserPool, Env,
            new Command("add", "onboard a tenant (idempotent; undone if a step fails)") { tenant, Tier, Issuer, TenantId },
            new Command("list", "list the registered tenants"),
            new Command("move-tier", "move a tenant to another usage tier") { tenant, NewTier },
            new Command("suspend", "refuse the tenant's tokens at once") { tenant },
            new Command("resume", "accept the tenant's tokens again") { tenant },
            new Command("remove", "remove the tenant: its row, key and client") { tenant, Issuer },
        };
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error,
        Func<TenantTargets, TenantOnboarding>? onboarding = null, HttpClient? http = null)
    {
        var parsed = Commands().Parse(args);
        if (parsed.Action is System.CommandLine.Help.HelpAction || args.Count == 0)
        {
            await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
            return args.Count == 0 ? 2 : 0;
        }
        if (parsed.Errors.Count > 0)
        {
            await error.WriteLineAsync($"{parsed.Errors[0].Message} (--help lists the commands and options)");
            return 2;
        }
        if (parsed.CommandResult.Command is RootCommand)
        {
            await error.WriteLineAsync("no command (--help lists the commands and options)");
            return 2;
        }

        TenantTargets targets;
        try
        {
            var config = ConfigLoader.FromCdkJson(RepositoryLayout.Find().CdkJson, parsed.GetValue(Env) ?? ConfigLoader.DefaultEnvironment);
            targets = parsed.GetValue(Local) is { } local
                ? await TenantTargets.LocalAsync(config, ServicesUrl(local), http ?? new HttpClient())
                : new TenantTargets(config,
                    parsed.GetValue(Region) ?? config.Region,
                    parsed.GetValue(TenantsTable) ?? throw new TenantsException("--tenants-table is required for AWS (the Data stack's TenantsTableName output), or use --local."),
                    UserPools(parsed.GetValue(UserPool) ?? []),
                    TenantIssuer.FromConfig(config), null, null, null);
        }
        catch (Exception e) when (e is TenantsException or ConfigurationException)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }

        // Outside Lambda: the AWS SDK's default chain (environment, profile, SSO, instance role).
        AWSCredentials credentials = parsed.GetValue(Local) is not null ? new BasicAWSCredentials("local", "local") : DefaultAWSCredentialsIdentityResolver.GetCredentials();
        var tenants = onboarding?.Invoke(targets) ?? new TenantOnboarding(targets.Config, targets.Issuers, targets.UserPoolIds,
            targets.Store(credentials), targets.ApiKeys(credentials), targets.Clients(credentials), output);
        try
        {
            switch (parsed.CommandResult.Command.Name)
            {
                case "add":
                    var tenantId = parsed.GetValue(TenantId);
                    await tenants.AddAsync(parsed.GetValue(Tenant)!, parsed.GetValue(Tier)!,
                        new TenantSource(parsed.GetValue(Issuer) ?? (tenantId is null ? tenants.DefaultIssuer() : throw new TenantsException("--tenant-id needs --issuer (the OIDC provider).")),
                            tenantId));
                    break;
                case "list":
                    var rows = await tenants.ListAsync();
                    await output.WriteLineAsync($"{"TENANT",-20} {"TIER",-10} {"STATUS",-10} {"IDENTITY",-50} API KEY");
                    foreach (var row in rows)
                        await output.WriteLineAsync($"{row.Tenant,-20} {row.Tier,-10} {DynamoTenantStore.Spell(row.Status),-10} {row.IdentityKey,-50} {row.ApiKeyId}");
                    break;
                case "move-tier":
                    await tenants.MoveTierAsync(parsed.GetValue(Tenant)!, parsed.GetValue(NewTier)!);
                    break;
                case "suspend":
                    await tenants.SetStatusAsync(parsed.GetValue(Tenant)!, TenantStatus.Suspended);
                    break;
                case "resume":
                    await tenants.SetStatusAsync(parsed.GetValue(Tenant)!, TenantStatus.Active);
                    break;
                case "remove":
                    await tenants.RemoveAsync(parsed.GetValue(Tenant)!, parsed.GetValue(Issuer));
                    break;
            }
            return 0;
        }
        catch (TenantsException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or AmazonServiceException or TaskCanceledException)
        {
            // What was undone (or could not be) is on the output, as the command undid it.
            await error.WriteLineAsync($"An AWS call failed: {e.Message} ({(e is AwsServiceException aws ? aws.ErrorType : e.GetType().Name)}).");
            return 1;
        }
    }

    /// <summary>The <c>--local</c> services URL: an absolute http(s) URL, with the trailing slash that relative paths need.</summary>
    private static Uri ServicesUrl(string text) =>
        Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new TenantsException($"--local takes the services URL local mode prints (e.g. http://127.0.0.1:3001), not '{text}'.");

    /// <summary>The <c>--user-pool Name=Id</c> options, each pool once.</summary>
    private static Dictionary<string, string> UserPools(IEnumerable<string> options)
    {
        var pools = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (option.Split('=', 2) is not [{ Length: > 0 } name, { Length: > 0 } id])
                throw new TenantsException($"--user-pool takes Name=Id (the pool's name in cdk.json and its <Name>UserPoolId output), not '{option}'.");
            if (!pools.TryAdd(name, id)) throw new TenantsException($"--user-pool {name} is given more than once.");
        }
        return pools;
    }
}
