using System.Text.Json.Nodes;

namespace PetStore.Cedar;

/// <summary>Cedar's own formatter, as <c>cedar format</c> runs it (80 columns, 2-space indent).</summary>
public static class CedarFormat
{
    /// <summary>What <c>cedar format</c> makes of a policy text (without a trailing line break), or null if it cannot parse it.</summary>
    public static string? Formatted(string text, CedarEngine engine) => engine.Call("format", new JsonObject { ["text"] = text }) is var answer
        && CedarAnswer.IsSuccess(answer) ? answer["formatted_policy"]!.GetValue<string>().TrimEnd() : null;

    /// <summary>Whether the policy is written as <c>cedar format</c> writes it (blank lines and comments around it are the author's).</summary>
    public static bool IsFormatted(CedarPolicy policy, CedarEngine engine) => Formatted(policy.Text, engine) is not { } formatted || formatted == policy.Text.TrimEnd();
}
