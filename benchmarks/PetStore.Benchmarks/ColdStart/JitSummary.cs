using System.Text.RegularExpressions;

namespace PetStore.Benchmarks.ColdStart;

/// <summary>Reads the runtime's JIT summary (<c>DOTNET_JitDisasmSummary</c>): one line per method compiled at run time.</summary>
public static partial class JitSummary
{
    /// <summary>How many methods, and the namespaces with the most.</summary>
    public static string Describe(string path)
    {
        if (!File.Exists(path)) return "— | (no summary written)";
        var methods = File.ReadLines(path).Select(l => MethodLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToList();
        var top = methods.GroupBy(Namespace).OrderByDescending(g => g.Count()).Take(5).Select(g => $"{g.Key} {g.Count()}");
        return $"{methods.Count} | {string.Join(", ", top)}";
    }

    /// <summary>The namespace of <c>[Namespace.]Type[`n][[...]]:Method(...)</c>, generic arguments dropped.</summary>
    private static string Namespace(string method)
    {
        var type = method.Split(':')[0];
        var generic = type.IndexOfAny(['[', '`']);
        if (generic >= 0) type = type[..generic];
        var dot = type.LastIndexOf('.');
        return dot > 0 ? type[..dot] : "(global)";
    }

    // e.g. "   4: JIT compiled System.Text.Json.JsonSerializer:Deserialize(...) [Tier0, IL size=12, code size=34]"
    [GeneratedRegex(@"JIT compiled (?<name>\S+)")]
    private static partial Regex MethodLine();
}
