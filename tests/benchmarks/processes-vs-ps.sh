#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Compares `farquery query "select pid, name from processes"` (the NativeAOT build) with `ps -e -o pid,comm`, side by
# side in one run: each command runs RUNS times, interleaved so both see the same machine load, and the script prints
# the median wall time of each (process start included) and their ratio. Timing uses bash's $EPOCHREALTIME, so no
# helper process is forked inside the measured interval.
#
#   tests/benchmarks/processes-vs-ps.sh                 # publishes farquery with NativeAOT first
#   FARQUERY_BIN=/path/to/farquery RUNS=50 tests/benchmarks/processes-vs-ps.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
runs=${RUNS:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v ps >/dev/null; then
  echo "ps is missing: apt-get install -y procps" >&2
  exit 2
fi

if [[ -z "${FARQUERY_BIN:-}" ]]; then
  echo "publishing farquery with NativeAOT ..." >&2
  dotnet publish "$root/agent/FarQuery.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" >"$work/publish.log" 2>&1 \
    || { cat "$work/publish.log" >&2; exit 1; }
  FARQUERY_BIN="$work/aot/farquery"
fi

farquery=("$FARQUERY_BIN" query "select pid, name from processes")
ps_cmd=(ps -e -o pid,comm)

# Both must work and list a similar number of processes, or the comparison means nothing.
fq_rows=$("${farquery[@]}" --csv | tail -n +2 | wc -l)
ps_rows=$("${ps_cmd[@]}" | tail -n +2 | wc -l)
echo "rows: farquery=$fq_rows ps=$ps_rows"

# Microseconds for one run of the given command, output discarded.
time_us() {
  local start end
  start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1
  end=$EPOCHREALTIME
  echo $(( (${end/./} - ${start/./}) ))
}

# One warm-up each (page cache, dynamic loader), not counted.
time_us "${farquery[@]}" >/dev/null
time_us "${ps_cmd[@]}" >/dev/null

: >"$work/fq"
: >"$work/ps"
for ((i = 0; i < runs; i++)); do
  time_us "${farquery[@]}" >>"$work/fq"
  time_us "${ps_cmd[@]}" >>"$work/ps"
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fq_median=$(median "$work/fq")
ps_median=$(median "$work/ps")
awk -v f="$fq_median" -v p="$ps_median" -v n="$runs" 'BEGIN {
  printf "runs: %d each, interleaved\n", n
  printf "farquery query \"select pid, name from processes\": median %.2f ms\n", f / 1000
  printf "ps -e -o pid,comm:                                 median %.2f ms\n", p / 1000
  printf "ratio farquery/ps: %.2f\n", f / p
}'
