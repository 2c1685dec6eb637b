#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Memory budget benchmark (docs/memory.md): the hostile ad hoc queries of an operator's bad day, sent through the admin
# socket of `farquery run -- sleep`, one agent per binary, with the agent's peak RSS (VmHWM) after each query and its
# RSS once the set is done. Give two binaries (before and after a change) to compare them side by side in one run;
# extra run options (e.g. --memory_budget=64) go in RUN_ARGS, for the second binary only when RUN_ARGS2 is set.
# Usage: tests/benchmarks/memory-budget.sh BIN [BIN2]
set -uo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d /tmp/fq-mem-XXXXXX)
trap 'rm -rf "$work"' EXIT
# hash reads a directory of four 64 MiB files.
mkdir -p "$work/big"
for i in 1 2 3 4; do head -c $((64 << 20)) /dev/urandom >"$work/big/f$i"; done

queries=(
  "select length(randomblob(900000000))"
  "select length(group_concat(hex(randomblob(100000)))) from processes a, processes b"
  "select * from processes a, processes b, processes c, processes d"
  "with recursive r(i, s) as (select 1, 'x' union all select i + 1, s || s from r where i < 40) select length(s) from r order by i desc limit 1"
  "select count(*), sum(length(sha256)) from hash where directory = '$work/big'"
)

kib() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$2/status"; }

run_set() {
  local bin=$1 args=$2 sock="$work/agent-$RANDOM.sock"
  # shellcheck disable=SC2086
  "$bin" run --socket "$sock" --disable_stdout_logging $args -- sleep 600 2>"$work/run.log" &
  local agent=$!
  for _ in $(seq 200); do [ -S "$sock" ] && break; sleep 0.05; done
  "$bin" query --socket "$sock" "select 1" >/dev/null
  echo "== $bin $args (pid $agent)"
  printf '%-10s %8s  %s\n' "VmHWM_MiB" "rc" "query"
  printf '%-10s %8s  %s\n' "$(($(kib VmHWM $agent) / 1024))" "-" "(idle)"
  for q in "${queries[@]}"; do
    timeout 60 "$bin" query --socket "$sock" --timeout 30 "$q" >"$work/out" 2>&1
    local rc=$?
    printf '%-10s %8s  %.70s  -> %.90s\n' "$(($(kib VmHWM $agent) / 1024))" "$rc" "$q" "$(tr '\n' ' ' <"$work/out")"
  done
  sleep 2
  local ok=no
  "$bin" query --socket "$sock" "select 1" >/dev/null 2>&1 && ok=yes
  echo "after the set: VmRSS $(($(kib VmRSS $agent) / 1024)) MiB, VmHWM $(($(kib VmHWM $agent) / 1024)) MiB, agent answers select 1: $ok"
  kill -TERM $agent 2>/dev/null; wait $agent 2>/dev/null
}

run_set "$1" "${RUN_ARGS:-}"
if [ $# -ge 2 ]; then run_set "$2" "${RUN_ARGS2:-${RUN_ARGS:-}}"; fi
