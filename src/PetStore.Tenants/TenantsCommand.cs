using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using PetStore.Configuration;
using PetStore.Contract;
using PetStore.Aws;

namespace PetStore.Tenants;

/// <summary>
/// The command line. Exit codes: 0 done, 1 failed (and undone), 2 a usage or configuration mistake.
/// </summary>
public static class TenantsCommand
{
    public const string Usage = """
        usage: dotnet run --project src/PetStore.Tenants -- [target] <command>
          target:   --local <services URL>          local mode (it prints the URL; default http://127.0.0.1:3001)
                    --region R --tenants-table T --user-pool Name=Id ...   AWS (values from the stacks' outputs)
                    --env <environment>             the cdk.json environment (default dev)
          commands: add <tenant> --tier <tier> [--issuer <pool or provider>] [--tenant-id <id its tokens carry>]
                    list
                    move-tier <tenant> <tier>
                    suspend <tenant> | resume <tenant>
                    remove <tenant>
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error,
        Func<TenantTargets, TenantOnboarding>? onboarding = null, HttpClient? http = null)
    {
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args);
        }
        catch (TenantsException e)
        {
            await error.WriteLineAsync($"{e.Message}\n{Usage}");
            return 2;
        }

        TenantTargets targets;
        try
        {
            var config = ConfigLoader.FromCdkJson(RepositoryLayout.Find().CdkJson, line.Option("--env") ?? ConfigLoader.DefaultEnvironment);
            targets = line.Option("--local") is { } local
                ? await TenantTargets.LocalAsync(config, ServicesUrl(local), http ?? new HttpClient())
                : new TenantTargets(config,
                    line.Option("--region") ?? config.Region,
                    line.Option("--tenants-table") ?? throw new TenantsException("--tenants-table is required for AWS (the Data stack's TenantsTableName output), or use --local."),
                    UserPools(line.Options("--user-pool")),
                    TenantIssuer.FromConfig(config), null, null, null);
        }
        catch (Exception e) when (e is TenantsException or ConfigurationException)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }

        // Outside Lambda: the AWS SDK's default chain (environment, profile, SSO, instance role).
        AWSCredentials credentials = line.Option("--local") is not null ? new BasicAWSCredentials("local", "local") : DefaultAWSCredentialsIdentityResolver.GetCredentials();
        var tenants = onboarding?.Invoke(targets) ?? new TenantOnboarding(targets.Config, targets.Issuers, targets.UserPoolIds,
            targets.Store(credentials), targets.ApiKeys(credentials), targets.Clients(credentials), output);
        try
        {
            switch (line.Command)
            {
                case ["add", var tenant]:
                    await tenants.AddAsync(tenant, line.Option("--tier") ?? throw new TenantsException("add needs --tier."),
                        new TenantSource(line.Option("--issuer") ?? (line.Option("--tenant-id") is null ? tenants.DefaultIssuer() : throw new TenantsException("--tenant-id needs --issuer (the OIDC provider).")),
                            line.Option("--tenant-id")));
                    break;
                case ["list"]:
                    var rows = await tenants.ListAsync();
                    await output.WriteLineAsync($"{"TENANT",-20} {"TIER",-10} {"STATUS",-10} {"IDENTITY",-50} API KEY");
                    foreach (var row in rows)
                        await output.WriteLineAsync($"{row.Tenant,-20} {row.Tier,-10} {DynamoTenantStore.Spell(row.Status),-10} {row.IdentityKey,-50} {row.ApiKeyId}");
                    break;
                case ["move-tier", var tenant, var tier]:
                    await tenants.MoveTierAsync(tenant, tier);
                    break;
                case ["suspend", var tenant]:
                    await tenants.SetStatusAsync(tenant, TenantStatus.Suspended);
                    break;
                case ["resume", var tenant]:
                    await tenants.SetStatusAsync(tenant, TenantStatus.Active);
                    break;
                case ["remove", var tenant]:
                    await tenants.RemoveAsync(tenant, line.Option("--issuer"));
                    break;
                default:
                    await error.WriteLineAsync($"unknown command '{string.Join(' ', line.Command)}'.\n{Usage}");
                    return 2;
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

    /// <summary>Options (<c>--name value</c>, some repeatable) and the words of the command.</summary>
    private sealed record CommandLine(IReadOnlyList<(string Name, string Value)> Values, IReadOnlyList<string> Command)
    {
        private static readonly HashSet<string> Known = ["--local", "--region", "--tenants-table", "--user-pool", "--env", "--tier", "--issuer", "--tenant-id"];

        public string? Option(string name) => Values.LastOrDefault(v => v.Name == name).Value;

        public IEnumerable<string> Options(string name) => Values.Where(v => v.Name == name).Select(v => v.Value);

        public static CommandLine Parse(IReadOnlyList<string> args)
        {
            var values = new List<(string, string)>();
            var words = new List<string>();
            for (var i = 0; i < args.Count; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal)) { words.Add(args[i]); continue; }
                if (!Known.Contains(args[i])) throw new TenantsException($"unknown option '{args[i]}'.");
                if (i + 1 >= args.Count) throw new TenantsException($"{args[i]} needs a value.");
                values.Add((args[i], args[++i]));
            }
            return words.Count == 0 ? throw new TenantsException("no command.") : new CommandLine(values, words);
        }
    }
}
