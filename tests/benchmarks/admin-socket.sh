#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Admin socket benchmark: the same NativeAOT farquery binary queried through a running agent's socket and
# in-process (--local), side by side in one run, reported as ratios.
#   1. round trip of `farquery query "select 1"` (a new process per query, as an operator runs it)
#   2. per-statement cost inside one `farquery shell` session (no process start: the socket round trip alone)
#   3. queries per second with 4 concurrent clients, each running `farquery query` in a loop
#   4. queries per second with 4 concurrent shell sessions (one connection each: the agent's 4 workers against
#      4 separate in-process engines)
# Usage: tests/benchmarks/admin-socket.sh [N=200] [PUBLISH_DIR]   (set SKIP_PUBLISH=1 to reuse PUBLISH_DIR)
set -euo pipefail
cd "$(dirname "$0")/../.."

n=${1:-200}
out=${2:-/tmp/farquery-bench-aot}
if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  echo "publishing NativeAOT farquery to $out ..." >&2
  dotnet publish agent/FarQuery.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out" >/dev/null
fi
bin="$out/farquery"
work=$(mktemp -d /tmp/fq-bench-XXXXXX)
sock="$work/agent.sock"
"$bin" serve --socket "$sock" 2>"$work/serve.log" &
agent=$!
trap 'kill -TERM $agent 2>/dev/null || true; wait $agent 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.05; done
[ -S "$sock" ] || { echo "agent did not start: $(cat "$work/serve.log")" >&2; exit 1; }

now() { date +%s%N; }

# Warm the page cache and both paths once.
"$bin" query --socket "$sock" "select 1" >/dev/null
"$bin" query --local "select 1" >/dev/null

# 1. Round trip per process, interleaved so both modes see the same machine load.
sock_ns=0; local_ns=0
for _ in $(seq "$n"); do
  t0=$(now); "$bin" query --socket "$sock" "select 1" >/dev/null; t1=$(now)
  "$bin" query --local "select 1" >/dev/null; t2=$(now)
  sock_ns=$((sock_ns + t1 - t0)); local_ns=$((local_ns + t2 - t1))
done

# 2. Per statement inside one shell session: many statements piped in, minus an empty session's cost; the best of
#    3 runs of each, because a single session is short enough for scheduler noise to matter.
statements=$((n * 50 > 5000 ? n * 50 : 5000))
script="$work/statements.sql"
for _ in $(seq "$statements"); do echo "select 1;"; done >"$script"
best() { # command... → the smallest wall time of 3 runs, in ns
  local b=0 t0 t1
  for _ in 1 2 3; do t0=$(now); "$@" >/dev/null; t1=$(now); [ $b = 0 ] || [ $((t1 - t0)) -lt $b ] && b=$((t1 - t0)); done
  echo $b
}
session() { "$bin" shell "$@" <"$script"; }
empty() { "$bin" shell "$@" </dev/null; }
shell_sock=$(( $(best session --socket "$sock") - $(best empty --socket "$sock") ))
shell_local=$(( $(best session --local) - $(best empty --local) ))

# 3. Throughput: 4 clients, each running N/2 queries, socket then local.
per=$((n / 2))
loop() { for _ in $(seq "$per"); do "$bin" query "$@" "select 1" >/dev/null; done; }
concurrent() {
  local t0 t1; t0=$(now)
  loop "$@" & loop "$@" & loop "$@" & loop "$@" &
  wait
  t1=$(now); echo $((t1 - t0))
}
qps_sock_ns=$( (concurrent --socket "$sock") )
qps_local_ns=$( (concurrent --local) )
sessions() {
  local t0 t1; t0=$(now)
  for _ in 1 2 3 4; do "$bin" shell "$@" <"$script" >/dev/null & done
  wait
  t1=$(now); echo $((t1 - t0))
}
# The agent must not be counted among the background jobs `wait` waits for.
sessions_sock_ns=$( (sessions --socket "$sock") )
sessions_local_ns=$( (sessions --local) )

awk -v n="$n" -v s="$sock_ns" -v l="$local_ns" -v st="$statements" -v ss="$shell_sock" -v sl="$shell_local" \
    -v q=$((per * 4)) -v qs="$qps_sock_ns" -v ql="$qps_local_ns" -v cores="$(nproc)" -v xs="$sessions_sock_ns" -v xl="$sessions_local_ns" 'BEGIN {
  printf "farquery admin socket benchmark (NativeAOT, %d cores, n=%d)\n", cores, n
  printf "%-48s %12s %12s %10s\n", "measure", "socket", "in-process", "socket/in"
  printf "%-48s %10.3f ms %10.3f ms %10.2f\n", "farquery query \"select 1\" round trip (per run)", s/n/1e6, l/n/1e6, s/l
  printf "%-48s %10.1f us %10.1f us %10.2f\n", "shell statement \"select 1;\" (per statement)", ss/st/1e3, sl/st/1e3, ss/sl
  printf "%-48s %10.1f /s %10.1f /s %10.2f\n", "4 concurrent clients, queries per second", q/(qs/1e9), q/(ql/1e9), (q/(qs/1e9))/(q/(ql/1e9))
  printf "%-48s %10.0f /s %10.0f /s %10.2f\n", "4 concurrent shell sessions, statements per second", 4*st/(xs/1e9), 4*st/(xl/1e9), xl/xs
}'
