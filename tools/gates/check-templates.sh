#!/usr/bin/env bash
# The external gates over every environment's cloud assembly: checks nobody here wrote.
#   cfn-lint  AWS's resource schemas (property patterns, enums, ranges) — what CloudFormation would refuse.
#   cdk-nag   the AwsSolutions and Serverless packs (npm cdk-nag, tools/gates/cdk-nag.mjs); a finding passes only if the
#             C# app acknowledged it with a reason (Suppressions.Add), written into the template's cdk_nag metadata.
# Usage: tools/gates/check-templates.sh [env ...]   (default: every environment in cdk.json)
# Each environment is synthesized into cdk.out.gates/<env>. Bundles already built into cdk.out by `npx cdk synth`
# are reused (asset hashes depend on the sources and architecture, not on the environment), so this adds no publish.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

if [ $# -eq 0 ]; then
  read -r -a environments <<< "$(node -p "Object.keys(require('./cdk.json').context.environments).join(' ')")"
else
  environments=("$@")
fi

status=0
for env in "${environments[@]}"; do
  out="cdk.out.gates/$env"
  rm -rf "$out" && mkdir -p "$out"
  if [ -d cdk.out ]; then
    for asset in cdk.out/asset.*; do [ -d "$asset" ] && cp -al "$asset" "$out/"; done
  fi
  echo "== $env: synthesize into $out"
  npx cdk synth -q -c env="$env" -o "$out" > "$out.synth.log" 2>&1 || { cat "$out.synth.log"; exit 1; }

  echo "== $env: cfn-lint"
  if cfn-lint "$out"/*.template.json; then echo "cfn-lint: no findings"; else status=1; fi

  echo "== $env: cdk-nag (report in $out/cdk-nag-report.json)"
  node tools/gates/cdk-nag.mjs "$out" || status=1
done
exit $status
