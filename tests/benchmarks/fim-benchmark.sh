#!/usr/bin/env bash
# FIM benchmark: events/s sustained without loss, CPU time per 10k events (with and without hashing, side by side),
# and the memory of 10k and 100k watched directories. Run as root to include kernel slab memory.
#   tests/benchmarks/fim-benchmark.sh        JIT build
#   tests/benchmarks/fim-benchmark.sh aot    NativeAOT build (what ships)
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "${1:-}" = "aot" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  dotnet publish -c Release -p:FimAot=true -p:SelfContained=true tests/benchmarks/fim-bench -o "$out" -v q -nologo >/dev/null
  "$out/fim-bench"
else
  dotnet build -c Release tests/benchmarks/fim-bench -v q -nologo >/dev/null
  tests/benchmarks/fim-bench/bin/Release/net10.0/linux-x64/fim-bench
fi
