using PetStore.Contract;
using System.Text.Json.Nodes;

namespace PetStore.Cedar;

/// <summary>
/// Reads cedar/: the author's <c>schema/petstore.cedarschema</c>, composed with the route table's actions
/// (<see cref="SchemaComposer"/>), and every <c>policies/**/*.cedar</c> file, any number of policies per file, each
/// with a stable <c>@id("...")</c>. Every problem is reported with its file and line, all at once; nothing is returned
/// unless everything is valid.
/// </summary>
public static class PolicyStoreFiles
{
    /// <summary>The composed schema, written for tools and reviewers (<see cref="WriteSchema"/>); never read as input.</summary>
    public const string SchemaFile = "schema/petstore.cedarschema.json";

    /// <summary>The schema authors edit: entity types and action groups; the actions follow from the route table.</summary>
    public const string HumanSchemaFile = "schema/petstore.cedarschema";

    public const string PoliciesDirectory = "policies";

    /// <summary>What synth deploys and local mode serves: the files, loaded as <see cref="Load(string, CedarEngine)"/> does.</summary>
    public static PolicyStoreDefinition LoadForApi(string cedarDirectory, CedarEngine engine) => Load(cedarDirectory, engine);

    public static PolicyStoreDefinition Load(string cedarDirectory, CedarEngine engine)
    {
        return Load(ComposeSchema(cedarDirectory, engine), ReadPolicyFiles(cedarDirectory), engine);
    }

    /// <summary>Every <c>policies/**/*.cedar</c> file, in order, named as problems name them (<c>cedar/policies/a.cedar</c>).</summary>
    public static IReadOnlyList<SourceFile> ReadPolicyFiles(string cedarDirectory)
    {
        var displayRoot = Path.GetDirectoryName(Path.GetFullPath(cedarDirectory))!;
        var policies = Path.Combine(cedarDirectory, PoliciesDirectory);
        return Directory.Exists(policies)
            ? [.. Directory.EnumerateFiles(policies, "*.cedar", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(path => new SourceFile(Path.GetRelativePath(displayRoot, path).Replace('\\', '/'), File.ReadAllText(path)))]
            : [];
    }

    /// <summary>The composed schema of <paramref name="cedarDirectory"/> (<see cref="SchemaComposer"/>), as JSON text.</summary>
    /// <exception cref="CedarPolicyException">The author's schema is missing or wrong; every problem at its line.</exception>
    public static SourceFile ComposeSchema(string cedarDirectory, CedarEngine engine)
    {
        var displayRoot = Path.GetDirectoryName(Path.GetFullPath(cedarDirectory))!;
        var path = Path.Combine(cedarDirectory, HumanSchemaFile);
        var display = Path.GetRelativePath(displayRoot, path).Replace('\\', '/');
        if (!File.Exists(path)) throw new CedarPolicyException([new CedarProblem(display, 1, 1, "the schema file is missing")]);
        var problems = new List<CedarProblem>();
        var composed = SchemaComposer.Compose(new SourceFile(display, File.ReadAllText(path)), engine, problems);
        return problems.Count == 0 ? composed : throw new CedarPolicyException(problems);
    }

    /// <summary>Writes the composed schema to <see cref="SchemaFile"/>; true when that changed the file.</summary>
    public static bool WriteSchema(string cedarDirectory, CedarEngine engine)
    {
        var composed = ComposeSchema(cedarDirectory, engine).Text;
        var target = Path.Combine(cedarDirectory, SchemaFile);
        if (File.Exists(target) && File.ReadAllText(target) == composed) return false;
        File.WriteAllText(target, composed);
        return true;
    }

    /// <summary>The same, from files already read (paths as they should appear in problems, e.g. <c>cedar/policies/a.cedar</c>).</summary>
    public static PolicyStoreDefinition Load(SourceFile schemaFile, IReadOnlyList<SourceFile> files, CedarEngine engine)
    {
        var problems = new List<CedarProblem>();
        var warnings = new List<CedarProblem>();
        var schema = CedarSchema.Parse(schemaFile, problems);
        if (problems.Count == 0)
        {
            try
            {
                var check = engine.Call("checkSchema", new JsonObject { ["schema"] = schema.Json.DeepClone() });
                problems.AddRange(CedarAnswer.Errors(check).Select(e => schemaFile.Problem(0, CedarAnswer.Describe(e))));
            }
            catch (CedarEngineException e)
            {
                problems.Add(schemaFile.Problem(0, $"the Cedar engine failed on the schema ({e.Message})"));
            }
        }

        var located = new List<(CedarPolicy Policy, int Offset)>();
        if (files.Count == 0)
        {
            // Named as the schema is: cedar/policies, or the folder given.
            var root = schemaFile.RelativePath.Split('/')[0];
            problems.Add(new CedarProblem($"{root}/{PoliciesDirectory}", 1, 1, "no .cedar policy files found"));
        }
        foreach (var file in files) located.AddRange(PolicyFile.Split(file, engine, problems));
        var policies = located.Select(l => l.Policy).ToList();

        foreach (var duplicate in policies.GroupBy(p => p.Id).Where(g => g.Count() > 1))
        {
            var first = duplicate.First();
            foreach (var again in duplicate.Skip(1))
                problems.Add(new CedarProblem(again.File, again.Line, 1, $"@id(\"{again.Id}\") is already used at {first.File}:{first.Line}; policy ids must be unique"));
        }

        if (problems.Count == 0 && policies.Count > 0)
        {
            Validate(schema, located, files, engine, problems, warnings);
            problems = [.. problems.Select(ExplainRouteAccess)];
        }
        var inputs = problems.Count == 0 ? DecisionInputs.Analyze(schema, policies, engine, problems) : DecisionInputs.None;

        // Cedar reports in no particular order; authors read problems top to bottom, file by file.
        static List<CedarProblem> Ordered(List<CedarProblem> list) =>
            [.. list.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column)];
        return problems.Count == 0
            ? new PolicyStoreDefinition(schema, policies, Ordered(warnings), inputs)
            : throw new CedarPolicyException(Ordered(problems));
    }

    /// <summary>STRICT validation of every policy against the schema; locations map back to the policy's file and line.</summary>
    private static void Validate(CedarSchema schema, List<(CedarPolicy Policy, int Offset)> policies, IReadOnlyList<SourceFile> files, CedarEngine engine,
        List<CedarProblem> problems, List<CedarProblem> warnings)
    {
        JsonNode Ask(IEnumerable<(CedarPolicy Policy, int Offset)> some) => engine.Call("validate", new JsonObject
        {
            ["schema"] = schema.Json.DeepClone(),
            ["policies"] = new JsonObject(some.Select(p => KeyValuePair.Create(p.Policy.Id, (JsonNode?)p.Policy.Text))),
        });

        JsonNode answer;
        try
        {
            answer = Ask(policies);
        }
        catch (CedarEngineException)
        {
            // The engine failed on the set (and was replaced): validate policy by policy to name the ones it fails on.
            foreach (var one in policies)
            {
                try
                {
                    Report(Ask([one]), [one], files, problems, warnings);
                }
                catch (CedarEngineException e)
                {
                    var file = files.Single(f => f.RelativePath == one.Policy.File);
                    problems.Add(PolicyFile.EngineFailure(file, e) with { Line = one.Policy.Line, Column = 1 });
                }
            }
            return;
        }
        Report(answer, policies, files, problems, warnings);
    }

    /// <summary>
    /// An action Cedar does not know that is a route's verb all the same: the route is one no policy decides (public or
    /// signed-in), which Cedar's own hint (a similar action) does not say. Say so, and how to change it.
    /// </summary>
    internal static CedarProblem ExplainRouteAccess(CedarProblem problem)
    {
        var match = System.Text.RegularExpressions.Regex.Match(problem.Message, "unrecognized action `PetStore::Action::\"(?<id>[^\"]+)\"`");
        if (!match.Success) return problem;
        var id = match.Groups["id"].Value;
        var route = RouteTable.All.FirstOrDefault(r => r.CedarActionIds.Contains(id, StringComparer.Ordinal));
        if (route is null || route.IsDecidedByPolicies) return problem;
        var help = problem.Message.IndexOf(" (help:", StringComparison.Ordinal);
        var what = route.Access == Access.Public ? "a public route: nobody decides it" : "a signed-in route: the token alone decides it";
        return problem with
        {
            Message = $"{(help < 0 ? problem.Message : problem.Message[..help])}: {route} is {what}, and no policy sees its requests. " +
                      $"To let policies decide it, give its line in lambdas/PetStore.Contract/RouteTable.cs Access.Policy (on the application) or " +
                      "Access.Resource (on what it acts on): docs/CHANGING.md, \"A route\"",
        };
    }

    private static void Report(JsonNode answer, List<(CedarPolicy Policy, int Offset)> policies, IReadOnlyList<SourceFile> files,
        List<CedarProblem> problems, List<CedarProblem> warnings)
    {
        if (!CedarAnswer.IsSuccess(answer))
        {
            problems.AddRange(CedarAnswer.Errors(answer).Select(e => new CedarProblem(PolicyStoreFiles.SchemaFile, 1, 1, CedarAnswer.Describe(e))));
            return;
        }

        CedarProblem Locate(JsonNode item, string kind)
        {
            var (policy, start) = policies.Single(p => p.Policy.Id == item["policyId"]!.GetValue<string>());
            var file = files.Single(f => f.RelativePath == policy.File);
            var within = CedarAnswer.Offset(item["error"]!) ?? 0;
            // Cedar starts its messages with "for policy `id`, "; the prefix below says it already.
            var message = CedarAnswer.Describe(item["error"]!).Replace($"for policy `{policy.Id}`, ", "");
            return file.Problem(start + within, $"{kind} in policy \"{policy.Id}\": {message}");
        }

        problems.AddRange(answer["validationErrors"]!.AsArray().Select(e => Locate(e!, "error")));
        warnings.AddRange(answer["validationWarnings"]!.AsArray().Select(w => Locate(w!, "warning")));
    }
}
