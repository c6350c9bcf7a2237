using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PetStore.Cedar;

/// <summary>
/// Splits one .cedar file into its policies with Cedar's own parser, and finds where each starts so that problems
/// and descriptions can name the file and line. Nothing here interprets Cedar: the engine parses, this only
/// locates its answers in the text.
/// </summary>
internal static partial class PolicyFile
{
    public static List<(CedarPolicy Policy, int Offset)> Split(SourceFile file, CedarEngine engine, List<CedarProblem> problems)
    {
        try
        {
            return SplitWith(file, engine, problems);
        }
        catch (CedarEngineException e)
        {
            problems.Add(EngineFailure(file, e));
            return [];
        }
    }

    /// <summary>
    /// The engine failed on this file (and was replaced). The known cause is nesting: cedar-wasm's parser overflows
    /// its stack at roughly 135 nested parentheses, brackets or braces, so the problem points at the deepest spot.
    /// </summary>
    internal static CedarProblem EngineFailure(SourceFile file, CedarEngineException error)
    {
        var (depth, offset) = DeepestNesting(file.Text);
        var hint = depth >= 64 ? $"; expressions here are nested {depth} levels deep, deeper than Cedar's parser can take: flatten them" : "";
        return file.Problem(offset, $"the Cedar engine failed on this file ({error.Reason}) and was restarted{hint}");
    }

    /// <summary>The deepest nesting of ( [ { outside strings and comments, and where it is reached.</summary>
    internal static (int Depth, int Offset) DeepestNesting(string text)
    {
        int depth = 0, deepest = 0, at = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    while (i < text.Length && text[i] != '\n') i++;
                    break;
                case '"':
                    for (i++; i < text.Length && text[i] != '"'; i++)
                        if (text[i] == '\\') i++;
                    break;
                case '(' or '[' or '{':
                    if (++depth > deepest) (deepest, at) = (depth, i);
                    break;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }
        return (deepest, at);
    }

    private static List<(CedarPolicy Policy, int Offset)> SplitWith(SourceFile file, CedarEngine engine, List<CedarProblem> problems)
    {
        var found = new List<(CedarPolicy, int)>();
        var answer = engine.Call("parts", new JsonObject { ["text"] = file.Text });
        if (!CedarAnswer.IsSuccess(answer))
        {
            problems.AddRange(CedarAnswer.Errors(answer).Select(e => file.Problem(CedarAnswer.Offset(e) ?? 0, CedarAnswer.Describe(e))));
            return found;
        }
        if (answer["policy_templates"]!.AsArray().Count > 0)
        {
            problems.Add(file.Problem(0, "policy templates are not supported in cedar/policies; write static policies"));
            return found;
        }

        var cursor = 0;
        foreach (var part in answer["policies"]!.AsArray().Select(p => p!.GetValue<string>()))
        {
            var at = file.Text.IndexOf(part, cursor, StringComparison.Ordinal);
            if (at < 0 || !IsTrivia(file.Text[cursor..at]))
            {
                problems.Add(file.Problem(cursor, "could not locate the next policy in the file"));
                return found;
            }
            var policy = Read(file, part, at, CommentAbove(file.Text[cursor..at]), engine, problems);
            if (policy is not null) found.Add((policy, at));
            cursor = at + part.Length;
        }
        return found;
    }

    private static CedarPolicy? Read(SourceFile file, string text, int offset, string? comment, CedarEngine engine, List<CedarProblem> problems)
    {
        var json = engine.Call("policyToJson", new JsonObject { ["text"] = text });
        if (!CedarAnswer.IsSuccess(json))
        {
            problems.AddRange(CedarAnswer.Errors(json).Select(e => file.Problem(offset + (CedarAnswer.Offset(e) ?? 0), CedarAnswer.Describe(e))));
            return null;
        }

        var id = json["json"]!["annotations"]?["id"]?.GetValue<string>();
        if (id is null)
        {
            problems.Add(file.Problem(offset, "the policy has no @id(\"...\") annotation; every policy needs a stable id, so that editing or reordering a file never replaces another policy"));
            return null;
        }
        if (!PolicyId().IsMatch(id))
        {
            problems.Add(file.Problem(offset, $"@id(\"{id}\") must be 1-64 letters, digits, '-' or '_', starting with a letter or digit"));
            return null;
        }

        var statement = text[AnnotationsEnd(text)..];
        var stripped = engine.Call("policyToJson", new JsonObject { ["text"] = statement });
        var expected = json["json"]!.AsObject().DeepClone().AsObject();
        expected.Remove("annotations");
        if (!CedarAnswer.IsSuccess(stripped) || !JsonNode.DeepEquals(stripped["json"], expected))
        {
            problems.Add(file.Problem(offset, $"policy \"{id}\": could not separate its annotations from its statement"));
            return null;
        }
        if (Encoding.UTF8.GetByteCount(statement) > CedarPolicy.MaxStatementBytes)
            problems.Add(file.Problem(offset, $"policy \"{id}\" is larger than Verified Permissions' limit of {CedarPolicy.MaxStatementBytes} bytes"));

        return new CedarPolicy(id, file.RelativePath, file.Position(offset).Line, text, statement, comment) { Json = expected };
    }

    /// <summary>Only whitespace and line comments: what may stand between two policies.</summary>
    private static bool IsTrivia(string text) =>
        text.Split('\n').All(line => line.Trim() is var t && (t.Length == 0 || t.StartsWith("//", StringComparison.Ordinal)));

    /// <summary>The run of comment lines right above a policy, joined into one sentence.</summary>
    private static string? CommentAbove(string gap)
    {
        var lines = gap.TrimEnd().Split('\n').Select(l => l.Trim()).ToList();
        var comment = new List<string>();
        for (var i = lines.Count - 1; i >= 0 && lines[i].StartsWith("//", StringComparison.Ordinal); i--)
            comment.Insert(0, lines[i].TrimStart('/').Trim());
        var joined = string.Join(' ', comment.Where(c => c.Length > 0));
        return joined.Length > 0 ? joined : null;
    }

    /// <summary>
    /// Where the effect (<c>permit</c>/<c>forbid</c>) starts, after the leading <c>@name("value")</c> annotations,
    /// whitespace and comments. The caller has Cedar confirm that what follows means the same policy.
    /// </summary>
    private static int AnnotationsEnd(string text)
    {
        var i = 0;
        while (true)
        {
            i = SkipTrivia(text, i);
            if (i >= text.Length || text[i] != '@') return i;
            i++;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
            i = SkipTrivia(text, i);
            if (i >= text.Length || text[i] != '(') continue;
            i = SkipTrivia(text, i + 1);
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                    if (text[i] == '\\') i++;
                i++;
            }
            i = SkipTrivia(text, i);
            if (i < text.Length && text[i] == ')') i++;
        }
    }

    private static int SkipTrivia(string text, int i)
    {
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) i++;
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')
                while (i < text.Length && text[i] != '\n') i++;
            else break;
        }
        return i;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex PolicyId();
}
