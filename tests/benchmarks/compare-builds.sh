#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Two farquery builds side by side on the same workloads: each round runs the untraced command, the base build and the
# new build back to back (in an order that rotates), so all three share the machine's load. The table reports medians,
# each build's ratio to untraced, and new ÷ base: the figure that says whether a change (a refactoring, say) moved the
# cost, in wall time and in CPU time (medians of each). Timing belongs here, not in the tests.
#
# usage: tests/benchmarks/compare-builds.sh BASE/farquery NEW/farquery
#        ROUNDS=7, STORM=1000 (/bin/true execs), DD=100000 (bs=1: two syscalls each), OPENS=100000, QUERIES=20
#        BASE_ARGS, NEW_ARGS: options given to that build's `run` (e.g. NEW_ARGS=--enable_sensitive_reads=false, to
#        compare with a base that predates a feature); the same path twice (an A/A run) shows the noise.
# Build each with: dotnet publish agent/FarQuery.Cli -c Release -r linux-x64 -p:PublishAot=true -o DIR
# (a base from an older commit: git worktree add /tmp/base <commit>, publish there).
set -euo pipefail

BASE=${1:?usage: compare-builds.sh BASE/farquery NEW/farquery}
NEW=${2:?usage: compare-builds.sh BASE/farquery NEW/farquery}
ROUNDS=${ROUNDS:-7}
STORM=${STORM:-1000}
DD=${DD:-100000}
OPENS=${OPENS:-100000}
QUERIES=${QUERIES:-20}
for b in "$BASE" "$NEW"; do [[ -x "$b" ]] || { echo "not an executable: $b" >&2; exit 2; }; done
command -v gcc >/dev/null || { echo "gcc is required (builds the open loop)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
gcc -O2 -o "$WORK/open_loop" "$(dirname "$0")/open_loop.c"
touch "$WORK/target"

declare -A CMDS=(
  [storm]="bash -c 'for i in \$(seq $STORM); do /bin/true; done'"
  [dd]="dd if=/dev/zero of=/dev/null bs=1 count=$DD status=none"
  [open_ro]="$WORK/open_loop $OPENS r $WORK/target"
  [open_w]="$WORK/open_loop $OPENS w $WORK/target"
)
ORDER=(storm dd open_ro open_w query)

# One run of a variant on a workload: prints "wall cpu", seconds. cpu is the user + system time of every process the
# run started (bash's `times` in a subshell: its reaped children, which include what farquery reaped), a figure that
# other work on the machine disturbs much less than wall time.
run() { # variant workload
  local bin args=""
  case $1 in
    untraced) bin="" ;;
    base) bin=$BASE args=${BASE_ARGS:-} ;;
    new) bin=$NEW args=${NEW_ARGS:-} ;;
  esac
  local t0=$EPOCHREALTIME
  local cpu
  cpu=$(
    if [[ $2 == query ]]; then
      # The CLI's cold start and one live table read, without an agent (the in-process engine); untraced: ps.
      for ((q = 0; q < QUERIES; q++)); do
        if [[ -z $bin ]]; then ps -e -o pid,comm >/dev/null; else "$bin" query "select pid, name from processes" >/dev/null 2>&1; fi
      done
    elif [[ -z $bin ]]; then
      eval "${CMDS[$2]}" >/dev/null 2>&1
    else
      eval "\"$bin\" run $args -- ${CMDS[$2]}" >/dev/null 2>&1
    fi
    # Not in a pipeline: a builtin there runs in a fork of its own, whose children are none.
    times > "$WORK/times"
    tail -1 "$WORK/times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); n += p[1] * 60 + p[2] } print n }'
  )
  local t1=$EPOCHREALTIME
  echo "$(echo "scale=4; (${t1/./} - ${t0/./}) / 1000000" | bc) $cpu"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "base: $BASE ${BASE_ARGS:-}; new: $NEW ${NEW_ARGS:-}; kernel $(uname -r); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg); rounds $ROUNDS"
echo "(query: $QUERIES x \`farquery query \"select pid, name from processes\"\`; its untraced column is $QUERIES x \`ps -e -o pid,comm\`)"
printf '| %-8s | %-13s | %-20s | %-20s | %-10s | %-12s |\n' workload "untraced (s)" "base (s, ×)" "new (s, ×)" "new ÷ base" "CPU new ÷ base"
printf '|%s|%s|%s|%s|%s|%s|\n' ---------- --------------- ---------------------- ---------------------- ------------ ----------------
for w in "${ORDER[@]}"; do
  declare -A T=([untraced]="" [base]="" [new]="")
  # The order rotates from round to round: whatever runs right after another run (a warm page cache, a CPU that has
  # not yet slowed down) is not always the same variant.
  variants=(untraced base new)
  for ((r = 0; r < ROUNDS; r++)); do
    for ((k = 0; k < 3; k++)); do
      v=${variants[(k + r) % 3]}
      T[$v]+="$(run $v "$w")"$'\n'
    done
  done
  col() { printf '%s' "${T[$1]}" | awk -v c="$2" 'NF { print $c }' | median; }
  u=$(col untraced 1); b=$(col base 1); n=$(col new 1); bc_=$(col base 2); nc=$(col new 2)
  printf '| %-8s | %13.3f | %8.3f (%7.2f×) | %8.3f (%7.2f×) | %9.3f× | %11.3f× |\n' "$w" "$u" "$b" "$(echo "$b / $u" | bc -l)" "$n" "$(echo "$n / $u" | bc -l)" "$(echo "$n / $b" | bc -l)" "$(echo "$nc / $bc_" | bc -l)"
done
