#!/usr/bin/env bash
# The developer loop, timed: the README's synth command with the Lambda bundle already built, and the full test
# suite on an unchanged tree (incremental build). Prints median and spread of N runs (default 3).
# usage: benchmarks/dev-loop.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

time_runs() {
  local label="$1"; shift
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1 || { echo "$label: '$*' failed" >&2; exit 1; }
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v n="$runs" '
    { t[NR] = $1 }
    END { median = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2;
          printf "| %s | %.1f s | %.1f–%.1f s | %d |\n", label, median / 1000, t[1] / 1000, t[n] / 1000, n }'
}

echo "Preparing: npm ci, one synth (builds the bundle), one build"
npm ci > /dev/null 2>&1
npx cdk synth -q > /dev/null 2>&1
dotnet build PetStoreInfra.sln > /dev/null 2>&1

echo
echo "Developer loop on $(nproc) cores, $(date -u +%Y-%m-%d):"
echo "| command | median | min–max | runs |"
echo "| --- | --- | --- | --- |"
time_runs "npx cdk synth (bundle already built)" npx cdk synth -q
time_runs "dotnet test (unchanged tree)" dotnet test PetStoreInfra.sln
