#!/usr/bin/env bash
# The load benchmark (docs/PERFORMANCE.md, "Load"): starts local mode, then drives it with autocannon (load.mjs).
# Usage: benchmarks/load/run.sh [--scenario steady|fairness|all] [--seconds 60] [--rate 200]
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PETSTORE_LOAD_PORT:-3917}
password='PetStore-Demo-2026!'
log=$(mktemp)
dotnet build src/PetStore.Local -c Release -v q -nologo >/dev/null
dotnet src/PetStore.Local/bin/Release/net10.0/PetStore.Local.dll --port "$port" --demo-password "$password" >"$log" 2>&1 &
local_mode=$!
trap 'kill "$local_mode" 2>/dev/null; wait "$local_mode" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 180); do
  grep -q "listening on http://127.0.0.1:$port" "$log" && break
  kill -0 "$local_mode" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 1
done
grep -q "listening on http://127.0.0.1:$port" "$log" || { echo "local mode did not start in 180 s" >&2; cat "$log" >&2; exit 1; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
node benchmarks/load/load.mjs --url "http://127.0.0.1:$port" --password "$password" "$@"
