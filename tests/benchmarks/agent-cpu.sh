#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The agent's own CPU per thread (the tracer, the detections' scheduler, the sensitive-read watcher, ...) after one
# workload under `farquery run`, from each thread's /proc/PID/task/TID/schedstat (nanoseconds on a CPU), read while the
# agent still runs: the app finishes its workload, touches a marker, and sleeps while the threads are read. Run it for
# two builds in turn to compare them side by side.
#   tests/benchmarks/agent-cpu.sh FARQUERY [N=2000] [storm|wopen] [ROUNDS=3]
#     storm: N × /bin/true from a shell loop; wopen: N write opens of one file (open_loop.c)
set -euo pipefail
fq=${1:?usage: agent-cpu.sh FARQUERY [N] [storm|wopen] [ROUNDS]}
n=${2:-2000}
workload=${3:-storm}
rounds=${4:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case $workload in
  storm) app="for i in \$(seq $n); do /bin/true; done" ;;
  wopen)
    gcc -O2 -o "$work/open_loop" "$(dirname "$0")/open_loop.c"
    touch "$work/target"
    app="'$work/open_loop' $n w '$work/target'" ;;
  *) echo "unknown workload: $workload" >&2; exit 2 ;;
esac
for ((r = 0; r < rounds; r++)); do
  rm -f "$work/done"
  "$fq" run --disable_stdout_logging -- bash -c "$app; touch '$work/done'; sleep 3" >/dev/null 2>&1 &
  agent=$!
  while [[ ! -e $work/done ]]; do sleep 0.05; done
  sleep 1.5 # the detections' last event-driven run
  for t in /proc/"$agent"/task/*; do
    printf '%s\t%s\n' "$(cat "$t/comm")" "$(cut -d' ' -f1 "$t/schedstat")"
  done | awk -F'\t' '{ a[$1] += $2; total += $2 } END {
    for (k in a) if (a[k] > 2e6) printf "%s=%.0f ms  ", k, a[k] / 1e6; printf "| total=%.0f ms\n", total / 1e6 }'
  wait "$agent"
done
