#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Side-by-side overhead of `farquery run` against the untraced app and strace --seccomp-bpf on the same syscall set,
# and against the ptrace floor (ptrace_floor.c): a C tracer that takes the same stops as farquery and does nothing at
# them, so farquery's time = the floor + the agent's own work (docs/tracer.md §2.3, §6).
# Every round runs the three variants back to back, so they share the machine's load; the table reports the
# median of each and its ratio to the untraced median of the same run. Timing belongs here, not in the tests.
#
# usage: tests/benchmarks/tracer-overhead.sh [path/to/farquery]   (default: a NativeAOT build in /tmp/fq-aot/farquery)
#        SECOND_ONLY=1, ROUNDS=5 (rounds per workload), STORM=2000, DD=200000 (bs=1: two syscalls each), OPENS=100000, REQUESTS=2000
# A second table measures the realistic workload (a Python http.server with a urllib client over loopback, REQUESTS
# small static files) and the sensitive-read watch (docs/tracer.md §5) on OPENS read-only opens of an ordinary file
# and of a watched one (/etc/shadow, as root), each untraced vs `farquery run --enable_sensitive_reads=false` (the
# agent without the watches) vs default `farquery run` vs `--trace-read-opens`. The last column, default run ÷ watches
# off, is what the sensitive-read watches themselves cost; the others include the agent's fixed start and exit.
set -euo pipefail

FQ=${1:-/tmp/fq-aot/farquery}
ROUNDS=${ROUNDS:-5}
STORM=${STORM:-2000}
DD=${DD:-200000}
OPENS=${OPENS:-100000}
REQUESTS=${REQUESTS:-2000}
[[ -x "$FQ" ]] || { echo "farquery binary not found: $FQ (dotnet publish agent/FarQuery.Cli -c Release -r linux-x64 -p:PublishAot=true -o /tmp/fq-aot)" >&2; exit 2; }
command -v strace >/dev/null || { echo "strace is required" >&2; exit 2; }
command -v gcc >/dev/null || { echo "gcc is required (builds the open loop)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
gcc -O2 -o "$WORK/open_loop" "$(dirname "$0")/open_loop.c"
# The realistic workload: imports a few standard modules, serves small static files with http.server on loopback and
# fetches them with urllib in the same process (a thread per side), REQUESTS times.
mkdir -p "$WORK/www"
for i in $(seq 20); do head -c $((200 * i)) /dev/zero | tr '\0' x > "$WORK/www/f$i.txt"; done
cat > "$WORK/serve.py" <<'PY'
import http.server, json, logging, os, socketserver, sys, threading, urllib.request
n, root = int(sys.argv[1]), sys.argv[2]
class Quiet(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k): super().__init__(*a, directory=root, **k)
    def log_message(self, *a): pass
srv = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Quiet)
threading.Thread(target=srv.serve_forever, daemon=True).start()
port, total = srv.server_address[1], 0
for i in range(n):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/f{i % 20 + 1}.txt") as r:
        total += len(r.read())
srv.shutdown()
print(json.dumps({"requests": n, "bytes": total}))
PY
# Control: the kernel's own cost of running under any seccomp filter (one ALLOW-everything instruction, no tracer). Every
# syscall then takes the kernel's slow entry path; no seccomp-based tracer can be cheaper than this. The ptrace floor
# adds the stops farquery takes (resumed at once, nothing read), so the last column (farquery ÷ floor) is what the
# agent's own work adds on top of the stops.
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
gcc -O2 -o "$WORK/ptrace_floor" "$(dirname "$0")/ptrace_floor.c"
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
[[ ${SECOND_ONLY:-0} == 1 ]] && ORDER=() # SECOND_ONLY=1: only the realistic workload and the sensitive-read table

now() { date +%s%N; }
run() { # variant cmd -> seconds
  local t0 t1
  t0=$(now)
  case $1 in
    untraced) eval "$2" >/dev/null 2>&1 ;;
    filter) eval "\"$WORK/filter_only\" $2" >/dev/null 2>&1 ;;
    floor) eval "\"$WORK/ptrace_floor\" $2" >/dev/null 2>&1 ;;
    farquery) eval "\"$FQ\" run -- $2" >/dev/null 2>&1 ;;
    strace) eval "strace -f --seccomp-bpf -e trace=$SET -o /dev/null $2" >/dev/null 2>&1 ;;
    reads) eval "\"$FQ\" run --trace-read-opens -- $2" >/dev/null 2>&1 ;;
    nowatch) eval "\"$FQ\" run --enable_sensitive_reads=false -- $2" >/dev/null 2>&1 ;;
  esac
  t1=$(now)
  echo "scale=4; ($t1 - $t0) / 1000000000" | bc
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "farquery: $FQ; kernel $(uname -r); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg); rounds $ROUNDS"
printf '| %-8s | %-12s | %-22s | %-22s | %-22s | %-22s | %-18s |\n' workload "untraced (s)" "seccomp filter only" "ptrace floor (s, ×)" "farquery run (s, ×)" "strace --seccomp-bpf (s, ×)" "farquery ÷ floor"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' ---------- -------------- ------------------------ ------------------------ ------------------------ ------------------------ --------------------
for w in "${ORDER[@]}"; do
  declare -A T=([untraced]="" [filter]="" [floor]="" [farquery]="" [strace]="")
  for ((r = 0; r < ROUNDS; r++)); do
    for v in untraced filter floor farquery strace; do
      T[$v]+="$(run $v "${CMDS[$w]}")"$'\n'
    done
  done
  u=$(printf '%s' "${T[untraced]}" | median)
  c=$(printf '%s' "${T[filter]}" | median)
  p=$(printf '%s' "${T[floor]}" | median)
  f=$(printf '%s' "${T[farquery]}" | median)
  s=$(printf '%s' "${T[strace]}" | median)
  printf '| %-8s | %12.3f | %10.3f (%6.2f×) | %10.3f (%6.2f×) | %10.3f (%6.2f×) | %10.3f (%6.2f×) | %16.2f× |\n' "$w" "$u" "$c" "$(echo "$c / $u" | bc -l)" "$p" "$(echo "$p / $u" | bc -l)" "$f" "$(echo "$f / $u" | bc -l)" "$s" "$(echo "$s / $u" | bc -l)" "$(echo "$f / $p" | bc -l)"
done

# Second table: untraced vs default run (sensitive-read watch on) vs --trace-read-opens (a stop per read-only open).
declare -A CMDS2=(
  [python_http]="python3 $WORK/serve.py $REQUESTS $WORK/www"
  [open_ro_ordinary]="$WORK/open_loop $OPENS r $WORK/target"
  [open_ro_watched]="$WORK/open_loop $OPENS r /etc/shadow"
)
ORDER2=(python_http open_ro_ordinary)
[[ -r /etc/shadow ]] && ORDER2+=(open_ro_watched)
echo
printf '| %-16s | %-12s | %-24s | %-24s | %-26s | %-18s |\n' workload "untraced (s)" "watches off (s, ×)" "farquery run (s, ×)" "--trace-read-opens (s, ×)" "run ÷ watches off"
printf '|%s|%s|%s|%s|%s|%s|\n' ------------------ -------------- -------------------------- -------------------------- ---------------------------- --------------------
for w in "${ORDER2[@]}"; do
  declare -A T=([untraced]="" [nowatch]="" [farquery]="" [reads]="")
  for ((r = 0; r < ROUNDS; r++)); do
    for v in untraced nowatch farquery reads; do
      T[$v]+="$(run $v "${CMDS2[$w]}")"$'\n'
    done
  done
  u=$(printf '%s' "${T[untraced]}" | median)
  o=$(printf '%s' "${T[nowatch]}" | median)
  f=$(printf '%s' "${T[farquery]}" | median)
  t=$(printf '%s' "${T[reads]}" | median)
  printf '| %-16s | %12.3f | %12.3f (%7.2f×) | %12.3f (%7.2f×) | %12.3f (%9.2f×) | %16.3f× |\n' "$w" "$u" "$o" "$(echo "$o / $u" | bc -l)" "$f" "$(echo "$f / $u" | bc -l)" "$t" "$(echo "$t / $u" | bc -l)" "$(echo "$f / $o" | bc -l)"
done
