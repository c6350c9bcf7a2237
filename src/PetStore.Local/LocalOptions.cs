using PetStore.Contract;

namespace PetStore.Local;

/// <summary>The command line: <c>--port &lt;port&gt; --demo-password &lt;password&gt; [--env dev] [--cedar &lt;dir&gt;]</c>.</summary>
public sealed record LocalOptions(int Port, string DemoPassword, string Environment, string? CedarDirectory)
{
    public const int DefaultPort = 3000;

    /// <summary>Not a secret: it only ever protects the demo users of a local, loopback-only instance.</summary>
    public const string DefaultDemoPassword = "PetStore-Demo-2026!";

    public const string Usage = "usage: dotnet run --project src/PetStore.Local -- [--port <port>] [--demo-password <password>] [--env <environment>] [--cedar <directory>]";

    /// <summary>Parses the arguments, or says in one line what is wrong.</summary>
    public static (LocalOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--port" or "--demo-password" or "--env" or "--cedar")) return (null, $"unknown option '{name}'. {Usage}");
            if (i + 1 >= args.Count) return (null, $"{name} needs a value. {Usage}");
            values[name] = args[++i];
        }

        var port = DefaultPort;
        if (values.TryGetValue("--port", out var portText) && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
            return (null, $"--port must be a TCP port (1-65535), not '{portText}'.");

        var password = values.GetValueOrDefault("--demo-password", DefaultDemoPassword);
        if (PasswordRules.Problems(password) is { Count: > 0 } problems)
            return (null, $"--demo-password must have {string.Join(", ", problems)} (the user pool's password policy).");

        var cedar = values.GetValueOrDefault("--cedar");
        if (cedar is not null && !Directory.Exists(cedar)) return (null, $"--cedar: no directory at '{cedar}'.");

        return (new LocalOptions(port, password, values.GetValueOrDefault("--env", "dev"), cedar is null ? null : Path.GetFullPath(cedar)), null);
    }
}
