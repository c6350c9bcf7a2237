using System.CommandLine;
using PetStore.Contract;

namespace PetStore.Local;

/// <summary>The command line: <c>[--port &lt;port&gt;] [--demo-password &lt;password&gt;] [--env dev] [--cedar &lt;dir&gt;] [--access-log &lt;file&gt;] [--edge-limits]</c>.</summary>
public sealed record LocalOptions(int Port, string DemoPassword, string Environment, string? CedarDirectory, string? AccessLogFile = null, bool EdgeLimits = false)
{
    public const int DefaultPort = 3000;

    /// <summary>Not a secret: it only ever protects the demo users of a local, loopback-only instance.</summary>
    public const string DefaultDemoPassword = "PetStore-Demo-2026!";

    private static readonly Option<int> PortOption = new("--port") { Description = "the API's port on 127.0.0.1", DefaultValueFactory = _ => DefaultPort };
    private static readonly Option<string> DemoPasswordOption = new("--demo-password")
    {
        Description = "the demo users' password (it must meet the pool's password policy)", DefaultValueFactory = _ => DefaultDemoPassword,
    };
    private static readonly Option<string> Env = new("--env") { Description = "the cdk.json environment whose configuration to use", DefaultValueFactory = _ => "dev" };
    private static readonly Option<string?> Cedar = new("--cedar") { Description = "the policy folder (default: the repository's cedar/)" };
    private static readonly Option<string?> AccessLogOption = new("--access-log")
    {
        Description = "append the stage's access log to this file: one JSON line per request, as deployed (docs/OPERATIONS.md)",
    };

    private static readonly Option<bool> EdgeLimitsOption = new("--edge-limits")
    {
        Description = "also apply the edge web ACL's rate rules (per IP, per person, sign-ins per IP) as cdk.json's perimeter sizes them",
    };

    public static RootCommand Command() => new("The Pet Store API on this machine, offline: the real handlers and authorizer, real Cedar decisions, AWS's services stood in for.")
    {
        PortOption, DemoPasswordOption, Env, Cedar, AccessLogOption, EdgeLimitsOption,
    };

    /// <summary>Parses the arguments, or says in one line what is wrong (help: no options and no error).</summary>
    public static (LocalOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var parsed = Command().Parse(args);
        if (parsed.Errors.Count > 0) return (null, $"{parsed.Errors[0].Message} (--help lists the options)");
        if (parsed.Action is System.CommandLine.Help.HelpAction) return (null, null);

        var port = parsed.GetValue(PortOption);
        if (port is < 1 or > 65535) return (null, $"--port must be a TCP port (1-65535), not {port}.");

        var password = parsed.GetValue(DemoPasswordOption)!;
        if (PasswordRules.Problems(password) is { Count: > 0 } problems)
            return (null, $"--demo-password must have {string.Join(", ", problems)} (the user pool's password policy).");

        var cedar = parsed.GetValue(Cedar);
        if (cedar is not null && !Directory.Exists(cedar)) return (null, $"--cedar: no directory at '{cedar}'.");

        var accessLog = parsed.GetValue(AccessLogOption);
        if (accessLog is not null && Path.GetDirectoryName(Path.GetFullPath(accessLog)) is { } folder && !Directory.Exists(folder))
            return (null, $"--access-log: no directory '{folder}' for '{accessLog}'.");

        return (new LocalOptions(port, password, parsed.GetValue(Env)!, cedar is null ? null : Path.GetFullPath(cedar),
            accessLog is null ? null : Path.GetFullPath(accessLog), parsed.GetValue(EdgeLimitsOption)), null);
    }
}
