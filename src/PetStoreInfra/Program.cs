using Amazon.CDK;
using PetStore.Cedar;
using PetStore.NodeTools;
using PetStoreInfra;
using PetStoreInfra.Compliance;
using PetStore.Configuration;
using PetStoreInfra.Configuration;
using PetStoreInfra.Constructs;

try
{
    var app = new App();
    var config = CdkContext.ReadConfig(app.Node);
    var layout = RepositoryLayout.Find();
    var policies = CedarFiles.Load(layout);
    foreach (var warning in policies.Warnings) Console.Error.WriteLine($"warning: {warning}");
    PetStoreApp.Build(app, config, new LambdaBundle(layout, config.Lambda.Architecture), policies);

    var compliance = new ComplianceAspect(new ComplianceChecker());
    Aspects.Of(app).Add(compliance);
    app.Synth();

    ComplianceReport.Write(app.Outdir, ComplianceReport.Build(CompliancePack.Rules, compliance.Findings, app));
    var failed = compliance.Findings.Count(f => f.Status == FindingStatus.Failed);
    Console.Error.WriteLine($"Compliance: {CompliancePack.Rules.Count} rules of our own, {failed} unsuppressed findings, " +
        $"{compliance.Findings.Count(f => f.Status == FindingStatus.Suppressed)} suppressed, {Suppressions.All(app).Count(s => s.IsCdkNag)} cdk-nag acknowledgements " +
        $"written into the templates; report in {Path.Combine(app.Outdir, ComplianceReport.FileName)} (cdk-nag itself: tools/gates/check-templates.sh)");
}
// Mistakes that are the user's to fix: say what and where, without a stack trace.
catch (Exception e) when (e is ConfigurationException or CedarPolicyException or MissingPrerequisiteException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
return 0;
