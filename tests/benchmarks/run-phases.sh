#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Where `farquery run -- APP` spends its fixed time, two builds side by side in one run (each round runs both, base
# first then new, then the other way): from farquery's exec to the app's exec (the start), the app's own run, from the
# app's exit to farquery's main thread's exit (the final drain and disposal), and from there to the parent's wait
# returning (the last thread's exit: closing the sensitive-read watches may wait for the kernel's mark reaper,
# docs/tracer.md §6 "The exit"). From the kernel's scheduler events; medians, and new / base per phase.
#
# usage: tests/benchmarks/run-phases.sh BASE/farquery NEW/farquery [ROUNDS=9] [-- APP ARGS...]   (APP: /bin/true)
# Needs perf (linux-perf).
set -euo pipefail

BASE=${1:?usage: run-phases.sh BASE/farquery NEW/farquery [ROUNDS] [-- APP...]}
NEW=${2:?usage: run-phases.sh BASE/farquery NEW/farquery [ROUNDS] [-- APP...]}
shift 2
ROUNDS=9
if [[ $# -gt 0 && $1 != -- ]]; then ROUNDS=$1; shift; fi
[[ ${1:-} == -- ]] && shift
APP=("$@")
[[ ${#APP[@]} -gt 0 ]] || APP=(/bin/true)
command -v perf >/dev/null || { echo "perf is required (apt-get install linux-perf)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Prints "start app exitwork reaped total" (ms) of one run.
phases() {
  perf record -q -e sched:sched_process_exec,sched:sched_process_exit,syscalls:sys_exit_wait4 -o "$WORK/perf.data" -- \
    sh -c '"$@"; true' sh "$1" run -- "${APP[@]}" >/dev/null 2>&1
  perf script -i "$WORK/perf.data" -F comm,pid,tid,time,event 2>/dev/null |
    sed 's/^ *\(.*\) \+\([0-9-]*\)\/\([0-9-]*\) \+/\1 \2 \3 /' | awk '
      { for (k = 1; k <= NF; k++) if ($k ~ /^[0-9]+\.[0-9]+:$/) { t = $k + 0; p = $(k - 2); d = $(k - 1); ev = $(k + 1) } }
      ev ~ /process_exec/ && $1 == "farquery" && !s { s = t; fp = p; next }
      ev ~ /process_exec/ && s && !ae { ae = t; ap = p; next }
      ev ~ /process_exit/ && ae && p == ap && !ax { ax = t }
      ev ~ /process_exit/ && p == fp && d == fp { mx = t }
      ev ~ /sys_exit_wait4/ && $1 == "sh" && s { w = t }
      END { printf "%.2f %.2f %.2f %.2f %.2f\n", (ae - s) * 1000, (ax - ae) * 1000, (mx - ax) * 1000, (w - mx) * 1000, (w - s) * 1000 }'
}

for r in $(seq "$ROUNDS"); do
  if (( r % 2 )); then phases "$BASE" >> "$WORK/base"; phases "$NEW" >> "$WORK/new"
  else phases "$NEW" >> "$WORK/new"; phases "$BASE" >> "$WORK/base"; fi
done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "farquery run -- ${APP[*]}: median ms of $ROUNDS runs each (base, new, new / base)"
i=1
for name in "start (exec to the app's exec)" "the app" "after the app (drain, disposal)" "last thread to the parent's wait" "total"; do
  b=$(cut -d' ' -f$i "$WORK/base" | median); n=$(cut -d' ' -f$i "$WORK/new" | median)
  awk -v name="$name" -v b="$b" -v n="$n" 'BEGIN { printf "  %-34s %8.2f %8.2f   %s\n", name, b, n, (b > 0) ? sprintf("%.2fx", n / b) : "-" }'
  i=$((i + 1))
done
echo "last thread to the parent's wait, every run (ms): base $(cut -d' ' -f4 "$WORK/base" | tr '\n' ' ')"
echo "                                                  new  $(cut -d' ' -f4 "$WORK/new" | tr '\n' ' ')"
