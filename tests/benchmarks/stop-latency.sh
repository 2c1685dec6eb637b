#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# How long the app's processes stay stopped at each kind of ptrace stop, farquery against the floor tracer
# (ptrace_floor.c: the same spawn, options and stops, resumed at once), side by side in one run. The stop time is what
# the app waits for the tracer; the floor's is what any ptrace tracer costs on this machine. From the kernel's own
# scheduler events: a stop runs from the tracee's switch out in state "t" to its wake-up.
#
# usage: tests/benchmarks/stop-latency.sh DIR/farquery [ITERATIONS=300] [ROUNDS=3]
# Needs perf (linux-perf) and gcc. Each stop is named by what the kernel reported just before it, so the table needs no
# process names: "fork event" (the task forked: PTRACE_EVENT_FORK/VFORK/CLONE), "first stop" (a new task's first
# stop, which the tracer resumes once it has seen the fork), "exec event" (PTRACE_EVENT_EXEC), and "other" (the
# rest: signal-delivery stops such as the shell's SIGCHLD, seccomp and syscall stops).
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

# Prints "kind microseconds" for each stop of one run (the kinds above). sched_process_fork and sched_process_exec
# come before the stop they cause, so a task's next stop after one of them is that event's stop. Only the measured
# command's own tree counts (its first exec, then every task forked from it), not other traced processes.
stops() {
  perf record -q -a -e sched:sched_switch,sched:sched_wakeup,sched:sched_process_fork,sched:sched_process_exec \
    -o "$WORK/perf.data" -- "$@" >/dev/null 2>&1
  perf script -i "$WORK/perf.data" -F time,event,trace 2>/dev/null | awk '
    function field(name,   r) { if (!match($0, name "=[0-9]+")) return ""; r = substr($0, RSTART, RLENGTH); return substr(r, length(name) + 2) }
    { t = $1 + 0 }
    /sched_process_fork/ { p = field(" pid"); if (p in ours) { ours[field("child_pid")] = 1; forked[p] = 1; fresh[field("child_pid")] = 1 }; next }
    /sched_process_exec/ { p = field(" pid"); if (root == "") { root = p; ours[p] = 1 }; if (p in ours) execed[p] = 1; next }
    /sched_switch/ && /prev_state=t / {
      p = field("prev_pid")
      if (!(p in ours)) next
      if (p in execed) { k = "exec_event"; delete execed[p] }
      else if (p in forked) { k = "fork_event"; delete forked[p] }
      else if (p in fresh) { k = "first_stop" }
      else k = "other"
      delete fresh[p]; kind[p] = k; s[p] = t; next }
    /sched_wakeup/ {
      p = field(" pid")
      if (p in s) { printf "%s %.1f\n", kind[p], (t - s[p]) * 1e6; delete s[p] } }'
}

: > "$WORK/floor.txt"; : > "$WORK/fq.txt"
for _ in $(seq "$ROUNDS"); do
  stops "$WORK/floor" bash "$WORK/storm.sh" >> "$WORK/floor.txt"
  stops "$FQ" run -- bash "$WORK/storm.sh" >> "$WORK/fq.txt"
done

# Per kind: how many, the median and the mean. The median is the typical stop; the mean also carries the rare long one
# (the app's own exec waits for the agent's start) and is what the per-iteration total adds up.
summary() {
  sort -k1,1 -k2,2g "$1" | awk '
    function flush() { if (k != "") printf "%s %d %.1f %.1f\n", k, n, (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2, sum / n }
    $1 != k { flush(); k = $1; n = 0; sum = 0 }
    { v[++n] = $2; sum += $2 }
    END { flush() }'
}
echo "traced stops of $N x /bin/true, $ROUNDS rounds: time stopped per stop (us), floor and farquery, median (mean)"
join <(summary "$WORK/floor.txt") <(summary "$WORK/fq.txt") |
  awk '$2 >= 10 { printf "  %-11s floor %7.1f (%7.1f), %5d stops   farquery %7.1f (%7.1f), %5d stops   median %.2fx, +%.1f us\n", $1, $3, $4, $2, $6, $7, $5, $6 / $3, $6 - $3 }'
echo "per iteration, all stops: floor $(awk -v n=$((N * ROUNDS)) '{d+=$2} END {printf "%.1f", d/n}' "$WORK/floor.txt") us, farquery $(awk -v n=$((N * ROUNDS)) '{d+=$2} END {printf "%.1f", d/n}' "$WORK/fq.txt") us (means)"
