using PetStoreInfra.Tests.Fixtures;

namespace PetStoreInfra.Tests.ExternalCheckers;

/// <summary>
/// AWS's own resource schemas, through cfn-lint, over every template of every synthesized app (dev, prod and the
/// variant with the optional settings on). Our assertions only check what we thought of; cfn-lint knows the
/// property patterns, enums and ranges CloudFormation will enforce. Warnings accepted with a reason live in
/// <c>.cfnlintrc.yaml</c> at the repository root, which cfn-lint reads from the working directory.
/// </summary>
public class CfnLintTests(DevApp dev, ProdApp prod, VariantApp variant)
{
    public static TheoryData<string> Apps => ["dev", "prod", "variant"];

    [Theory]
    [MemberData(nameof(Apps))]
    public void Every_template_passes_cfn_lint(string app)
    {
        SynthesizedApp synthesized = app switch { "dev" => dev, "prod" => prod, _ => variant };
        var templates = Directory.GetFiles(synthesized.Outdir, "*.template.json").Order().ToArray();
        Assert.NotEmpty(templates);

        var (exitCode, output) = ExternalTool.Run("cfn-lint", synthesized.Layout.Root, templates);

        Assert.True(exitCode == 0, $"cfn-lint found problems in the {app} templates (exit {exitCode}):{Environment.NewLine}{output}");
    }
}
