#!/usr/bin/env bash
# Runs the Lambda bundles of a cloud assembly as Lambda would, for each architecture asked (default: arm64 x86_64),
# with tests/PetStore.BundleCheck: arm64 under qemu-user on an x64 machine, x86_64 natively.
#   - the architecture cdk.json configures: the cloud assembly `npx cdk synth` last wrote (cdk.out), as deployed;
#     run synth first (the check reads the bundles from there, it publishes nothing of the functions).
#   - the other one: cdk.json's environments with lambda.architecture changed, given to synth with
#     `-c environments=<JSON>` (cdk.json stays as it is), synthesized into cdk.out.<architecture>.
# Usage: tools/bundles/check.sh [arm64|x86_64 ...]      Environment: CDK_ENV (default: cdk.json's env, else dev)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

env_name="${CDK_ENV:-$(node -p "require('./cdk.json').context.env || 'dev'")}"
configured="$(node -p "require('./cdk.json').context.environments['$env_name'].lambda.architecture")"
architectures=("$@")
[ ${#architectures[@]} -gt 0 ] || architectures=(arm64 x86_64)

dotnet build tests/PetStore.BundleCheck --nologo -v q -clp:ErrorsOnly

status=0
for arch in "${architectures[@]}"; do
  if [ "$arch" = "$configured" ]; then
    out=cdk.out
    [ -f "$out/manifest.json" ] || { echo "$out/manifest.json is missing: run npx cdk synth first" >&2; exit 2; }
    echo "== bundles for $arch ($env_name as configured): $out"
  else
    out="cdk.out.$arch"
    environments="$(node -e "
      const environments = require('./cdk.json').context.environments;
      environments['$env_name'].lambda.architecture = '$arch';
      process.stdout.write(JSON.stringify(environments));")"
    echo "== bundles for $arch ($env_name with lambda.architecture=$arch): synthesize into $out"
    npx cdk synth -q -c env="$env_name" -c environments="$environments" -o "$out" > "$out.synth.log" 2>&1 \
      || { cat "$out.synth.log"; exit 1; }
  fi
  dotnet run --no-build --project tests/PetStore.BundleCheck -- "$out" || status=$?
done
exit $status
