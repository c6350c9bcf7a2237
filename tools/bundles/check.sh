#!/usr/bin/env bash
# Runs the Lambda bundles of a cloud assembly as Lambda would, for each architecture asked (default: arm64 x86_64),
# with tests/PetStore.BundleCheck: arm64 under qemu-user on an x64 machine, x86_64 natively. For each architecture,
# two cloud assemblies:
#   - as deployed: the runtimes cdk.json configures (the custom runtime for every function by default). For the
#     architecture cdk.json configures, the cloud assembly `npx cdk synth` last wrote (cdk.out); run synth first
#     (the check reads the bundles from there, it publishes nothing of the functions). For the other one, cdk.json's
#     environments with lambda.architecture changed, given to synth with `-c environments=<JSON>` (cdk.json stays as
#     it is), synthesized into cdk.out.<architecture>.
#   - the managed fallback: the same with lambda.runtime and lambda.authorizerRuntime set to managed, synthesized into
#     cdk.out.<architecture>.managed (skipped when cdk.json already deploys managed, or with BUNDLE_CHECK_MANAGED=0).
# Usage: tools/bundles/check.sh [arm64|x86_64 ...]      Environment: CDK_ENV (default: cdk.json's env, else dev)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

env_name="${CDK_ENV:-$(node -p "require('./cdk.json').context.env || 'dev'")}"
configured="$(node -p "require('./cdk.json').context.environments['$env_name'].lambda.architecture")"
configured_runtimes="$(node -p "const l = require('./cdk.json').context.environments['$env_name'].lambda; (l.runtime || 'custom') + ' ' + (l.authorizerRuntime || 'custom')")"
architectures=("$@")
[ ${#architectures[@]} -gt 0 ] || architectures=(arm64 x86_64)

dotnet build tests/PetStore.BundleCheck --nologo -v q -clp:ErrorsOnly

# Synthesizes cdk.json's environments with the lambda settings given as JSON merged in, into the folder given.
synthesize() {
  local out="$1" lambda="$2" environments
  environments="$(node -e "
    const environments = require('./cdk.json').context.environments;
    Object.assign(environments['$env_name'].lambda, $lambda);
    process.stdout.write(JSON.stringify(environments));")"
  npx cdk synth -q -c env="$env_name" -c environments="$environments" -o "$out" > "$out.synth.log" 2>&1 \
    || { cat "$out.synth.log"; exit 1; }
}

status=0
for arch in "${architectures[@]}"; do
  if [ "$arch" = "$configured" ]; then
    out=cdk.out
    [ -f "$out/manifest.json" ] || { echo "$out/manifest.json is missing: run npx cdk synth first" >&2; exit 2; }
    echo "== bundles for $arch ($env_name as configured): $out"
  else
    out="cdk.out.$arch"
    echo "== bundles for $arch ($env_name with lambda.architecture=$arch): synthesize into $out"
    synthesize "$out" "{ architecture: '$arch' }"
  fi
  dotnet run --no-build --project tests/PetStore.BundleCheck -- "$out" || status=$?

  if [ "$configured_runtimes" != "managed managed" ] && [ "${BUNDLE_CHECK_MANAGED:-1}" != 0 ]; then
    out="cdk.out.$arch.managed"
    echo "== bundles for $arch, the managed fallback ($env_name with lambda.runtime and authorizerRuntime managed): synthesize into $out"
    synthesize "$out" "{ architecture: '$arch', runtime: 'managed', authorizerRuntime: 'managed' }"
    dotnet run --no-build --project tests/PetStore.BundleCheck -- "$out" || status=$?
  fi
done
exit $status
