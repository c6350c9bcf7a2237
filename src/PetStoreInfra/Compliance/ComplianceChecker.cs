using Amazon.CDK;
using Constructs;

namespace PetStoreInfra.Compliance;

/// <summary>Runs the rule pack over every CloudFormation resource under a construct and sorts findings by suppression.</summary>
public sealed class ComplianceChecker(IReadOnlyList<ComplianceRule> rules)
{
    public ComplianceChecker() : this(CompliancePack.Rules) { }

    public IReadOnlyList<ComplianceRule> Rules => rules;

    public IReadOnlyList<Finding> Check(IConstruct root)
    {
        var app = new AppResources();
        var constructs = new Dictionary<ResourceUnderTest, CfnResource>();
        foreach (var resource in root.Node.FindAll().OfType<CfnResource>())
        {
            var stack = Stack.Of(resource);
            var item = new ResourceUnderTest(
                resource.CfnResourceType,
                stack.StackName,
                (string)stack.Resolve(resource.LogicalId),
                resource.Node.Path,
                ResourceProperties.Of(resource),
                app);
            app.Add(item);
            constructs[item] = resource;
        }

        var findings = new List<Finding>();
        foreach (var resource in app.All)
        {
            foreach (var rule in rules.Where(r => r.ResourceType == resource.Type))
            {
                string? problem;
                try
                {
                    problem = rule.Check(resource);
                }
                catch (InvalidOperationException e)
                {
                    // A property of an unexpected shape (an escape hatch, a token): say so rather than stop synth.
                    problem = $"the rule could not read this resource ({e.Message}); check it by hand or suppress with a reason";
                }
                if (problem is null) continue;
                var items = rule.Items?.Invoke(resource) ?? [];
                var suppression = Suppressions.For(constructs[resource], rule.Id).FirstOrDefault(s => s.Covers(items));
                findings.Add(new Finding(rule.Id, rule.Severity, resource.StackName, resource.LogicalId, resource.Path, problem,
                    suppression is null ? FindingStatus.Failed : FindingStatus.Suppressed, suppression?.Reason) { Items = items });
            }
        }
        return findings;
    }
}
