namespace PetStore.Cedar.Tests;

/// <summary>What policy authors can get wrong, and how synth and the tests report it: file, line, column, reason.</summary>
public partial class PolicyFileTests(CedarFixture cedar)
{
    private string Schema => cedar.Definition.Schema.Json.ToJsonString();

    private CedarPolicyException Fails(params (string Path, string Text)[] files)
    {
        using var dir = new TempCedar(Schema, files);
        return Assert.Throws<CedarPolicyException>(() => dir.Load(cedar.Engine));
    }

    private PolicyStoreDefinition Loads(params (string Path, string Text)[] files)
    {
        using var dir = new TempCedar(Schema, files);
        return dir.Load(cedar.Engine);
    }

    private const string Owners = "principal in PetStore::UserGroup::\"owners\", action == PetStore::Action::\"delete /pets/{petId}\", resource == PetStore::Application::\"PetStore\"";

    [Fact]
    public void The_repository_policies_load_with_ids_files_and_lines()
    {
        // Every @id written in cedar/policies, found by reading the files as text: each is loaded, from its file and line.
        var policiesDirectory = Path.Combine(cedar.CedarDirectory, PolicyStoreFiles.PoliciesDirectory);
        var written = Directory.EnumerateFiles(policiesDirectory, "*.cedar", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadAllLines(file).Select((text, index) => (File: file, Line: index + 1, Match: IdAnnotation().Match(text))))
            .Where(l => l.Match.Success)
            .ToDictionary(l => l.Match.Groups[1].Value, l => (l.File, l.Line));

        Assert.NotEmpty(written);
        Assert.Equal(written.Keys.Order(), cedar.Definition.Policies.Select(p => p.Id).Order());
        Assert.All(cedar.Definition.Policies, policy =>
        {
            var (file, line) = written[policy.Id];
            Assert.Equal($"cedar/policies/{Path.GetRelativePath(policiesDirectory, file).Replace('\\', '/')}", policy.File);
            Assert.Equal(line, policy.Line);
        });
        Assert.Empty(cedar.Definition.Warnings);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^\\s*@id\\(\"([^\"]+)\"\\)")]
    private static partial System.Text.RegularExpressions.Regex IdAnnotation();

    [Fact]
    public void Several_policies_per_file_each_get_their_line_and_the_comment_above_as_description()
    {
        var loaded = Loads(("a.cedar", $$"""
            // Owners may add pets.
            // (Requirement 3.)
            @id("first")
            permit ({{Owners}});

            @id("second") permit ({{Owners}}); @id("third")
            permit ({{Owners}});
            """));

        Assert.Equal([("first", 3), ("second", 6), ("third", 6)], loaded.Policies.Select(p => (p.Id, p.Line)));
        Assert.Equal("Owners may add pets. (Requirement 3.) (cedar/policies/a.cedar:3)", loaded.Policies[0].Description);
        Assert.Equal("Policy second (cedar/policies/a.cedar:6)", loaded.Policies[1].Description);
    }

    [Fact]
    public void Statements_drop_annotations_but_keep_the_policy_as_written()
    {
        var loaded = Loads(("a.cedar", $$"""
            @id("kept") // the id
            @doc("a (tricky) \" value")
            permit ({{Owners}}) // trailing
            when { context.pathParameters == {"petId": "x"} };
            """));

        var policy = Assert.Single(loaded.Policies);
        Assert.StartsWith("permit (", policy.Statement);
        Assert.EndsWith("when { context.pathParameters == {\"petId\": \"x\"} };", policy.Statement);
        Assert.StartsWith("@id(\"kept\")", policy.Text);
    }

    [Fact]
    public void Policy_folders_are_read_recursively_in_a_stable_order()
    {
        var loaded = Loads(
            ("z.cedar", $$"""@id("z") permit ({{Owners}});"""),
            ("team/a.cedar", $$"""@id("team-a") permit ({{Owners}});"""));
        Assert.Equal(["cedar/policies/team/a.cedar", "cedar/policies/z.cedar"], loaded.Policies.Select(p => p.File));
    }

    [Fact]
    public void A_syntax_error_names_file_line_and_column()
    {
        var error = Fails(("bad.cedar", "@id(\"x\")\npermit (principal, action, resource)\nwhen { 1 + };"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("cedar/policies/bad.cedar", 3, 12), (problem.File, problem.Line, problem.Column));
        Assert.Contains("unexpected token", problem.Message);
    }

    [Fact]
    public void A_policy_nested_too_deeply_for_the_engine_names_its_file_and_line_and_the_engine_keeps_working()
    {
        // ~135 nested parentheses overflow cedar-wasm's stack; the engine process is replaced and the file reported.
        var error = Fails(
            ("a-good.cedar", $"@id(\"good\")\npermit ({Owners});\n"),
            ("deep.cedar", "// Too deep for Cedar's parser.\n" + CedarEngineTests.Nested(200)));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("cedar/policies/deep.cedar", 4), (problem.File, problem.Line));
        Assert.Contains("nested 201 levels deep", problem.Message); // 200 parentheses inside the braces of "when"
        Assert.NotEmpty(Loads(("a-good.cedar", $"@id(\"good\")\npermit ({Owners});\n")).Policies);
    }

    [Fact]
    public void An_action_the_schema_lacks_fails_with_a_suggestion()
    {
        var error = Fails(("p.cedar", "// comment\n@id(\"x\")\npermit (principal, action == PetStore::Action::\"delete /pets\", resource);"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("unrecognized action `PetStore::Action::\"delete /pets\"`", problem.Message);
        Assert.Contains("did you mean `PetStore::Action::\"post /pets\"`", problem.Message);
    }

    [Fact]
    public void An_entity_type_the_schema_lacks_fails()
    {
        var error = Fails(("p.cedar", "@id(\"x\")\npermit (principal in PetStore::Group::\"owners\", action, resource);"));
        Assert.Contains(error.Problems, p => p.Line == 2 && p.Message.Contains("unrecognized entity type `PetStore::Group`"));
    }

    [Fact]
    public void A_type_error_in_a_condition_fails_strict_validation()
    {
        var error = Fails(("p.cedar", $$"""
            @id("x")
            permit ({{Owners}})
            when { principal.username > 3 };
            """));
        Assert.Contains(error.Problems, p => p.Line == 3);
    }

    [Fact]
    public void Every_broken_policy_in_every_file_is_reported_at_once()
    {
        var error = Fails(
            ("a.cedar", "@id(\"a\") permit (principal in PetStore::Nope::\"x\", action, resource);"),
            ("b.cedar", "@id(\"b\") permit (principal, action == PetStore::Action::\"nope\", resource);"));
        Assert.Equal(["cedar/policies/a.cedar", "cedar/policies/b.cedar"], error.Problems.Select(p => p.File).Distinct());
        Assert.Contains("cedar/policies/a.cedar:1:", error.Message);
    }

    [Fact]
    public void A_policy_without_an_id_fails()
    {
        var error = Fails(("p.cedar", $$"""
            @id("ok") permit ({{Owners}});

            permit ({{Owners}});
            """));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("no @id", problem.Message);
    }

    [Fact]
    public void A_duplicate_id_names_both_places()
    {
        var error = Fails(
            ("a.cedar", $$"""@id("same") permit ({{Owners}});"""),
            ("b.cedar", $$"""

            @id("same") permit ({{Owners}});
            """));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("cedar/policies/b.cedar", 2), (problem.File, problem.Line));
        Assert.Contains("already used at cedar/policies/a.cedar:1", problem.Message);
    }

    [Fact]
    public void An_id_that_cannot_be_a_stable_name_fails()
    {
        var error = Fails(("a.cedar", $$"""@id("has spaces") permit ({{Owners}});"""));
        Assert.Contains("must be 1-64 letters", Assert.Single(error.Problems).Message);
    }

    [Fact]
    public void Templates_are_refused()
    {
        var error = Fails(("t.cedar", "@id(\"t\") permit (principal == ?principal, action, resource);"));
        Assert.Contains("templates are not supported", Assert.Single(error.Problems).Message);
    }

    [Fact]
    public void No_policy_files_is_an_error()
    {
        Assert.Contains("no .cedar policy files", Fails().Message);
    }

    [Fact]
    public void A_schema_that_is_not_JSON_names_its_line()
    {
        using var dir = new TempCedar("{\n  \"PetStore\": {\n    oops\n", ("a.cedar", "@id(\"a\") permit(principal, action, resource);"));
        var problem = Assert.Single(Assert.Throws<CedarPolicyException>(() => dir.Load(cedar.Engine)).Problems);
        Assert.Equal(("cedar/schema/petstore.cedarschema.json", 3), (problem.File, problem.Line));
    }

    [Fact]
    public void A_second_namespace_is_refused_as_Verified_Permissions_would()
    {
        using var dir = new TempCedar("""{"A":{"entityTypes":{},"actions":{}},"B":{"entityTypes":{},"actions":{}}}""",
            ("a.cedar", "@id(\"a\") permit(principal, action, resource);"));
        Assert.Contains("exactly one namespace", Assert.Throws<CedarPolicyException>(() => dir.Load(cedar.Engine)).Message);
    }

    [Fact]
    public void Descriptions_fit_Verified_Permissions_limit_and_keep_the_location()
    {
        var loaded = Loads(("a.cedar", $$"""
            // {{new string('x', 300)}}
            @id("long") permit ({{Owners}});
            """));
        var description = Assert.Single(loaded.Policies).Description;
        Assert.Equal(150, description.Length);
        Assert.EndsWith("… (cedar/policies/a.cedar:2)", description);
    }

    [Fact]
    public void Locations_count_characters_not_bytes()
    {
        const string line = "@id(\"u\") @doc(\"Überprüfung, naïve café\") permit (principal, action == PetStore::Action::\"nöpe\", resource);";
        var error = Fails(("u.cedar", "// ünïcödé\n" + line));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Equal(line.IndexOf("PetStore::Action", StringComparison.Ordinal) + 1, problem.Column);
    }
}
