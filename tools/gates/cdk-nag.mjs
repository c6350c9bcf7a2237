// The real cdk-nag (AwsSolutions and Serverless packs) over synthesized cloud assemblies.
//
//   node tools/gates/cdk-nag.mjs <assembly dir> [<assembly dir> ...]
//
// Each template of each assembly is loaded into a Node CDK app through CfnInclude. Every resource's cdk-nag template
// metadata (Metadata.cdk_nag.rules_to_suppress: [{id, reason, applies_to}], which the C# app writes next to the
// resource) is acknowledged with cdk-nag 3's own mechanism, Validations.of(resource).acknowledge(): an entry with
// applies_to acknowledges one finding per item (AwsSolutions-IAM5[Resource::*]), one without it the rule.
// cdk-nag then validates the app as `cdk synth` would, and what it still reports is unacknowledged.
//
// Writes <assembly>/cdk-nag-report.json (every finding: failed, or acknowledged with its reason; acknowledgements that
// match no finding) and prints the unacknowledged ones. Exit code 1 if any finding, error or warning, is
// unacknowledged, or if an acknowledgement matches no finding (a stale or mistyped id); 2 on a usage error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';

const PACKS = ['AwsSolutions', 'Serverless'];
export const REPORT_FILE = 'cdk-nag-report.json';

const assemblies = process.argv.slice(2);
if (assemblies.length === 0) {
  console.error('usage: node tools/gates/cdk-nag.mjs <cloud assembly dir> [...]');
  process.exit(2);
}

let failed = false;
for (const assembly of assemblies) {
  const report = check(assembly);
  fs.writeFileSync(path.join(assembly, REPORT_FILE), JSON.stringify(report, null, 2) + '\n');
  print(assembly, report);
  if (report.summary.failed > 0 || report.summary.staleAcknowledgements > 0) failed = true;
}
process.exit(failed ? 1 : 0);

function check(assembly) {
  const templates = fs.readdirSync(assembly).filter((f) => f.endsWith('.template.json')).sort();
  if (templates.length === 0) throw new Error(`${assembly}: no *.template.json (synthesize first)`);

  // The templates already carry their BootstrapVersion rule.
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-nag-'));
  const app = new App({ outdir });
  const resources = []; // { stack, logicalId, path, construct, acknowledgements: [{ findingId, id, reason }] }
  for (const file of templates) {
    const stackName = file.slice(0, -'.template.json'.length);
    const stack = new Stack(app, stackName, { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
    const templateFile = path.join(assembly, file);
    const include = new CfnInclude(stack, 'Template', { templateFile });
    const template = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const construct = include.getResource(logicalId);
      resources.push({
        stack: stackName,
        logicalId,
        path: resource.Metadata?.['aws:cdk:path'] ?? `${stackName}/${logicalId}`,
        construct,
        acknowledgements: acknowledgementsOf(resource),
      });
    }
  }

  // Every finding, before any acknowledgement: the packs' own rule walk.
  const packs = [new AwsSolutionsChecks(), new ServerlessChecks()];
  const byConstruct = new Map(resources.map((r) => [r.construct.node.path, r]));
  const findings = [];
  for (const pack of packs) {
    for (const violation of pack.validateScope(app).violations) {
      for (const violating of violation.violatingResources) {
        const resource = byConstruct.get(violating.constructPath);
        findings.push({
          rule: violation.ruleName,
          severity: violation.severity,
          stack: resource.stack,
          logicalId: resource.logicalId,
          path: resource.path,
          description: violation.description,
          resource,
        });
      }
    }
  }

  // Then cdk-nag as a validation plugin, with the template metadata acknowledged: what it still reports has failed.
  for (const resource of resources) {
    for (const acknowledgement of resource.acknowledgements) {
      Validations.of(resource.construct).acknowledge({ id: acknowledgement.findingId, reason: acknowledgement.reason });
    }
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  // CDK prints its own report of failed validations; ours below says the same once, with reasons and paths.
  const printError = console.error;
  console.error = () => {};
  try {
    app.synth();
  } catch (e) {
    // Outside the CDK CLI, synth throws once it has written the report of failed validations.
    if (!/Validation failed/.test(String(e?.message))) throw e;
  } finally {
    console.error = printError;
  }
  const unacknowledged = new Set();
  const validation = path.join(outdir, 'validation-report.json');
  if (fs.existsSync(validation)) {
    for (const plugin of JSON.parse(fs.readFileSync(validation, 'utf8')).pluginReports ?? []) {
      for (const violation of plugin.violations ?? []) {
        for (const violating of violation.violatingConstructs ?? []) unacknowledged.add(`${violating.constructPath}|${violation.ruleName}`);
      }
    }
  }
  fs.rmSync(outdir, { recursive: true, force: true });

  const results = findings.map((f) => {
    const acknowledged = !unacknowledged.has(`${f.resource.construct.node.path}|${f.rule}`);
    const acknowledgement = f.resource.acknowledgements.find((a) => a.findingId === f.rule);
    return {
      rule: f.rule,
      severity: f.severity,
      stack: f.stack,
      logicalId: f.logicalId,
      path: f.path,
      description: f.description,
      status: acknowledged ? 'acknowledged' : 'failed',
      reason: acknowledged ? acknowledgement?.reason ?? null : null,
    };
  }).sort(byKeys('stack', 'path', 'rule'));

  // A cdk-nag acknowledgement is stale when no resource carrying it (the C# app writes one suppression into every
  // resource below its scope) has the finding it names.
  const used = new Set(results.filter((r) => r.status === 'acknowledged').map((r) => `${r.rule}|${r.reason}`));
  const stale = new Map();
  for (const resource of resources) {
    for (const a of resource.acknowledgements) {
      const key = `${a.findingId}|${a.reason}`;
      if (!used.has(key) && !stale.has(key)) stale.set(key, { id: a.findingId, reason: a.reason, example: resource.path });
    }
  }

  return {
    packs: PACKS,
    summary: {
      templates: templates.length,
      findings: results.length,
      failed: results.filter((r) => r.status === 'failed').length,
      acknowledged: results.filter((r) => r.status === 'acknowledged').length,
      staleAcknowledgements: stale.size,
    },
    failed: results.filter((r) => r.status === 'failed'),
    acknowledged: results.filter((r) => r.status === 'acknowledged'),
    staleAcknowledgements: [...stale.values()].sort(byKeys('id', 'example')),
  };
}

/** cdk-nag 3 acknowledges one finding id at a time: a v2-style entry with applies_to names several. */
function acknowledgementsOf(resource) {
  const entries = resource.Metadata?.cdk_nag?.rules_to_suppress ?? [];
  return entries
    .filter((entry) => PACKS.some((pack) => String(entry.id).startsWith(`${pack}-`)))
    .flatMap((entry) => {
      if (typeof entry.reason !== 'string' || entry.reason.trim().length === 0) {
        throw new Error(`${resource.Metadata?.['aws:cdk:path']}: cdk_nag suppression of ${entry.id} has no reason`);
      }
      const items = entry.applies_to ?? [];
      if (items.some((item) => typeof item !== 'string')) {
        throw new Error(`${resource.Metadata?.['aws:cdk:path']}: ${entry.id} applies_to must list finding ids as strings`);
      }
      return items.length === 0
        ? [{ findingId: entry.id, reason: entry.reason }]
        : items.map((item) => ({ findingId: `${entry.id}[${item}]`, reason: entry.reason }));
    });
}

function print(assembly, report) {
  const s = report.summary;
  console.log(`cdk-nag ${assembly}: ${s.templates} templates, ${s.findings} findings, ${s.acknowledged} acknowledged, ` +
    `${s.failed} unacknowledged, ${s.staleAcknowledgements} stale acknowledgements`);
  for (const f of report.failed) {
    console.log(`  ${f.severity.toUpperCase()} ${f.rule} at ${f.path} (${f.stack} ${f.logicalId}): ${f.description}`);
  }
  for (const a of report.staleAcknowledgements) {
    console.log(`  STALE acknowledgement ${a.id} (e.g. at ${a.example}) matches no finding: "${a.reason}"`);
  }
  if (s.failed > 0) {
    console.log('  Fix each finding, or accept it next to the resource in C#: Suppressions.Add(construct, "<rule id>", "<reason>"[, "<finding>"]).');
  }
}

function byKeys(...keys) {
  return (a, b) => {
    for (const key of keys) {
      const order = String(a[key]).localeCompare(String(b[key]));
      if (order !== 0) return order;
    }
    return 0;
  };
}
