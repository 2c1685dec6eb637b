#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Side-by-side overhead of `farquery run` against the untraced app and strace --seccomp-bpf on the same syscall set.
# Every round runs the three variants back to back, so they share the machine's load; the table reports the
# median of each and its ratio to the untraced median of the same run. Timing belongs here, not in the tests.
#
# usage: tests/benchmarks/tracer-overhead.sh [path/to/farquery]   (default: a NativeAOT build in /tmp/fq-aot/farquery)
#        ROUNDS=5 (rounds per workload), STORM=2000, DD=200000 (bs=1: two syscalls each), OPENS=100000
set -euo pipefail

FQ=${1:-/tmp/fq-aot/farquery}
ROUNDS=${ROUNDS:-5}
STORM=${STORM:-2000}
DD=${DD:-200000}
OPENS=${OPENS:-100000}
[[ -x "$FQ" ]] || { echo "farquery binary not found: $FQ (dotnet publish agent/FarQuery.Cli -c Release -r linux-x64 -p:PublishAot=true -o /tmp/fq-aot)" >&2; exit 2; }
command -v strace >/dev/null || { echo "strace is required" >&2; exit 2; }
command -v gcc >/dev/null || { echo "gcc is required (builds the open loop)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/open_loop.c" <<'C'
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* open_loop N r|w: N opens (+close) of one file, read-only or O_WRONLY|O_CREAT|O_TRUNC. */
int main(int argc, char **argv) {
    long n = atol(argv[1]);
    int w = argv[2][0] == 'w';
    const char *path = argv[3];
    for (long i = 0; i < n; i++) {
        int fd = w ? open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : open(path, O_RDONLY);
        if (fd < 0) return 1;
        close(fd);
    }
    return 0;
}
C
gcc -O2 -o "$WORK/open_loop" "$WORK/open_loop.c"
# Control: the kernel's own cost of running under any seccomp filter (one ALLOW-everything instruction, no tracer). Every
# syscall then takes the kernel's slow entry path; no seccomp-based tracer can be cheaper than this floor, so the last
# column (farquery ÷ filter only) is what farquery itself adds on top of it.
cat > "$WORK/filter_only.c" <<'C'
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <unistd.h>
int main(int argc, char **argv) {
    struct sock_filter f[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
    struct sock_fprog prog = { .len = 1, .filter = f };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) return 99;
    execvp(argv[1], argv + 1);
    return 98;
}
C
gcc -O2 -o "$WORK/filter_only" "$WORK/filter_only.c"
touch "$WORK/target"

# The same syscalls farquery's filter stops on (strace cannot filter open flags, so it also stops on read-only opens).
# farquery takes execs from PTRACE_EVENT_EXEC without an entry stop; strace needs execve in its set to report them, so
# it stays in: both then record the same execs.
SET=execve,execveat,open,openat,openat2,creat,mkdir,mkdirat,rmdir,unlink,unlinkat,rename,renameat,renameat2,link,linkat,symlink,symlinkat,chmod,fchmod,fchmodat,connect,bind,listen,accept,accept4,socket,ptrace,memfd_create,setuid,setgid,setreuid,setregid,setresuid,setresgid,setns,unshare,init_module,finit_module,mount

declare -A CMDS=(
  [storm]="bash -c 'for i in \$(seq $STORM); do /bin/true; done'"
  [dd]="dd if=/dev/zero of=/dev/null bs=1 count=$DD status=none"
  [open_ro]="$WORK/open_loop $OPENS r $WORK/target"
  [open_w]="$WORK/open_loop $OPENS w $WORK/target"
)
ORDER=(storm dd open_ro open_w)

now() { date +%s%N; }
run() { # variant cmd -> seconds
  local t0 t1
  t0=$(now)
  case $1 in
    untraced) eval "$2" >/dev/null 2>&1 ;;
    filter) eval "\"$WORK/filter_only\" $2" >/dev/null 2>&1 ;;
    farquery) eval "\"$FQ\" run -- $2" >/dev/null 2>&1 ;;
    strace) eval "strace -f --seccomp-bpf -e trace=$SET -o /dev/null $2" >/dev/null 2>&1 ;;
  esac
  t1=$(now)
  echo "scale=4; ($t1 - $t0) / 1000000000" | bc
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "farquery: $FQ; kernel $(uname -r); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg); rounds $ROUNDS"
printf '| %-8s | %-12s | %-22s | %-22s | %-22s | %-18s |\n' workload "untraced (s)" "seccomp filter only" "farquery run (s, ×)" "strace --seccomp-bpf (s, ×)" "farquery ÷ filter"
printf '|%s|%s|%s|%s|%s|%s|\n' ---------- -------------- ------------------------ ------------------------ ------------------------ --------------------
for w in "${ORDER[@]}"; do
  declare -A T=([untraced]="" [filter]="" [farquery]="" [strace]="")
  for ((r = 0; r < ROUNDS; r++)); do
    for v in untraced filter farquery strace; do
      T[$v]+="$(run $v "${CMDS[$w]}")"$'\n'
    done
  done
  u=$(printf '%s' "${T[untraced]}" | median)
  c=$(printf '%s' "${T[filter]}" | median)
  f=$(printf '%s' "${T[farquery]}" | median)
  s=$(printf '%s' "${T[strace]}" | median)
  printf '| %-8s | %12.3f | %10.3f (%6.2f×) | %10.3f (%6.2f×) | %10.3f (%6.2f×) | %16.2f× |\n' "$w" "$u" "$c" "$(echo "$c / $u" | bc -l)" "$f" "$(echo "$f / $u" | bc -l)" "$s" "$(echo "$s / $u" | bc -l)" "$(echo "$f / $c" | bc -l)"
done
