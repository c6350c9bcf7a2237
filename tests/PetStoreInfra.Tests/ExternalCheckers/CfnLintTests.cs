using System.Diagnostics;
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

        var (exitCode, output) = CfnLint.Run(synthesized.Layout.Root, templates);

        Assert.True(exitCode == 0, $"cfn-lint found problems in the {app} templates (exit {exitCode}):{Environment.NewLine}{output}");
    }
}

/// <summary>Runs the cfn-lint command line (installed on every machine of this kind and in CI; users get it with pip).</summary>
public static class CfnLint
{
    public static (int ExitCode, string Output) Run(string workingDirectory, IReadOnlyList<string> templates)
    {
        var start = new ProcessStartInfo("cfn-lint")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var template in templates) start.ArgumentList.Add(template);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cfn-lint did not start; install it with `pip install cfn-lint`.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
