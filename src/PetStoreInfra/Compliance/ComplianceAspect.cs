using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace PetStoreInfra.Compliance;

/// <summary>
/// Runs the compliance pack at synth, like cdk-nag: added to the app, it checks the whole tree when it visits the
/// app (every construct exists by then), then marks each resource: an unsuppressed Error fails synth, an
/// unsuppressed Warning is printed. The findings are kept for the report written to cdk.out.
/// </summary>
public sealed class ComplianceAspect(ComplianceChecker checker) : DeputyBase, IAspect
{
    public IReadOnlyList<Finding> Findings { get; private set; } = [];
    public bool HasRun { get; private set; }

    public void Visit(IConstruct node)
    {
        if (node.Node.Scope is not null || HasRun) return;
        HasRun = true;
        Findings = checker.Check(node);

        var byPath = node.Node.FindAll().ToDictionary(c => c.Node.Path);
        foreach (var finding in Findings.Where(f => f.Status == FindingStatus.Failed))
        {
            var message = $"[{finding.RuleId}] {finding.Message}. {checker.Rules.Single(r => r.Id == finding.RuleId).Description}; " +
                "fix it, or suppress it with a reason (Suppressions.Add).";
            if (finding.Severity == Severity.Error) Annotations.Of(byPath[finding.Path]).AddError(message);
            else Annotations.Of(byPath[finding.Path]).AddWarning(message);
        }
    }
}
