#!/usr/bin/env bash
# FIM benchmark: events/s sustained without loss, CPU time per 10k events (with and without hashing, side by side),
# and the memory of 10k and 100k watched directories. Run as root to include kernel slab memory.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release tests/benchmarks/fim-bench -v q -nologo >/dev/null
exec tests/benchmarks/fim-bench/bin/Release/net10.0/linux-x64/fim-bench "$@"
