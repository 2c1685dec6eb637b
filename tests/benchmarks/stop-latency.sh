#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# How long the app's processes stay stopped at each kind of ptrace stop, farquery against the floor tracer
# (ptrace_floor.c: the same spawn, options and stops, resumed at once), side by side in one run. The stop time is what
# the app waits for the tracer; the floor's is what any ptrace tracer costs on this machine. From the kernel's own
# scheduler events: a stop runs from the tracee's switch out in state "t" to its wake-up.
#
# usage: tests/benchmarks/stop-latency.sh DIR/farquery [ITERATIONS=300] [ROUNDS=3]
# Needs perf (linux-perf) and gcc. Stops are named by the process's comm at the stop: "bash" holds the shell's fork
# events, its children's first stops and its SIGCHLD stops; "true" the exec event of /bin/true.
set -euo pipefail

FQ=${1:?usage: stop-latency.sh DIR/farquery [ITERATIONS] [ROUNDS]}
N=${2:-300}
ROUNDS=${3:-3}
command -v perf >/dev/null || { echo "perf is required (apt-get install linux-perf)" >&2; exit 2; }
command -v gcc >/dev/null || { echo "gcc is required (builds the floor tracer)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
gcc -O2 -o "$WORK/floor" "$(dirname "$0")/ptrace_floor.c"
printf 'for i in $(seq %d); do /bin/true; done\n' "$N" > "$WORK/storm.sh"

# Prints "comm total_us count" per comm of the traced stops of one run.
stops() {
  perf record -q -a -e sched:sched_switch,sched:sched_wakeup -o "$WORK/perf.data" -- "$@" >/dev/null 2>&1
  perf script -i "$WORK/perf.data" -F time,event,trace 2>/dev/null | awk '
    { t = $1 + 0 }
    /sched_switch/ && /prev_state=t / {
      match($0, /prev_pid=[0-9]+/); p = substr($0, RSTART + 9, RLENGTH - 9)
      match($0, /prev_comm=[^ ]+/); c[p] = substr($0, RSTART + 10, RLENGTH - 10); s[p] = t }
    /sched_wakeup/ {
      match($0, /pid=[0-9]+/); p = substr($0, RSTART + 4, RLENGTH - 4)
      if (p in s) { d[c[p]] += (t - s[p]) * 1e6; n[c[p]]++; delete s[p] } }
    END { for (k in d) printf "%s %.0f %d\n", k, d[k], n[k] }'
}

: > "$WORK/floor.txt"; : > "$WORK/fq.txt"
for _ in $(seq "$ROUNDS"); do
  stops "$WORK/floor" bash "$WORK/storm.sh" >> "$WORK/floor.txt"
  stops "$FQ" run -- bash "$WORK/storm.sh" >> "$WORK/fq.txt"
done

echo "traced stops of $N x /bin/true, $ROUNDS rounds: mean time stopped per stop (us), farquery / floor"
join <(awk '{d[$1]+=$2; n[$1]+=$3} END {for (k in d) printf "%s %.1f %d\n", k, d[k]/n[k], n[k]}' "$WORK/floor.txt" | sort) \
     <(awk '{d[$1]+=$2; n[$1]+=$3} END {for (k in d) printf "%s %.1f %d\n", k, d[k]/n[k], n[k]}' "$WORK/fq.txt" | sort) |
  awk '$3 >= 10 { printf "  %-8s floor %7.1f us (%d stops)   farquery %7.1f us (%d stops)   %.2fx\n", $1, $2, $3, $4, $5, $4 / $2 }'
echo "per iteration, all stops: floor $(awk -v n=$((N * ROUNDS)) '{d+=$2} END {printf "%.1f", d/n}' "$WORK/floor.txt") us, farquery $(awk -v n=$((N * ROUNDS)) '{d+=$2} END {printf "%.1f", d/n}' "$WORK/fq.txt") us"
