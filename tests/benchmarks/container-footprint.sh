#!/usr/bin/env bash
# Footprint of the packaged agent, side by side with the app alone in one run:
#   - size of /opt/farquery;
#   - time from container start to the app's first instruction (the app prints a monotonic-ish clock at once);
#   - the agent's resident memory while tracing an idle app and a busy one (fork/exec and file writes).
#   - a cold `farquery query "select pid, name from processes"` against `ps -e -o pid,comm`, CPU and wall time: in-process
#     (--local, no agent running) and through a running agent's admin socket (with the agent's CPU for serving it).
# Every figure is printed with its ratio or its target. Needs gcc (a 10-line helper reads the children's CPU time).
# Usage: container-footprint.sh [PUBLISH_DIR] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
publish=${1:-}
runs=${2:-20}
if [ -z "$publish" ]; then
  publish=/tmp/farquery-footprint-publish
  dotnet publish "$here/agent/FarQuery.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$publish" >/dev/null
fi
pkg=$(mktemp -d)
trap 'rm -rf "$pkg"' EXIT
bash "$here/docker/package.sh" "$publish" "$pkg/opt/farquery" "$pkg/opt/farquery" >/dev/null
fq="$pkg/opt/farquery/bin/farquery"
echo "size of /opt/farquery: $(du -sh "$pkg/opt/farquery" | cut -f1) (bin: $(du -sh "$pkg/opt/farquery/bin" | cut -f1), bundled libs: $(du -sh "$pkg/opt/farquery/lib" | cut -f1))"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
start_ms() { # command... ; prints ms from launch to the app's first line
  local t0 t1
  t0=$(date +%s%N)
  t1=$("$@" sh -c 'date +%s%N' | tail -1)
  echo $(( (t1 - t0) / 1000000 ))
}
: > "$pkg/plain"; : > "$pkg/traced"
for _ in $(seq 1 "$runs"); do
  start_ms env >> "$pkg/plain"
  start_ms "$fq" run --disable_stdout_logging -- >> "$pkg/traced"
done
p=$(median < "$pkg/plain"); t=$(median < "$pkg/traced")
echo "start to first instruction, median of $runs: app alone ${p} ms, under farquery run ${t} ms (+$((t - p)) ms, $(awk -v a="$t" -v b="$p" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')x)"

# Cold one-shot query against ps, interleaved: CPU time (user + system of the child, getrusage, less sensitive than
# wall time to what else the machine runs) and wall time.
cat > "$pkg/cpu.c" <<'C'
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
/* cpu cmd args...: runs cmd once, output discarded; prints its user + system CPU in microseconds. */
int main(int argc, char **argv) {
    pid_t p = fork();
    if (p == 0) { int fd = open("/dev/null", O_WRONLY); dup2(fd, 1); dup2(fd, 2); execvp(argv[1], argv + 1); _exit(127); }
    int st; waitpid(p, &st, 0);
    struct rusage ru; getrusage(RUSAGE_CHILDREN, &ru);
    printf("%ld\n", (long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
    return 0;
}
C
gcc -O2 -o "$pkg/cpu" "$pkg/cpu.c"
cpu_us() { # command... ; prints "cpu_us wall_us" of one run
  local t0 t1 c
  t0=$EPOCHREALTIME; c=$("$pkg/cpu" "$@"); t1=$EPOCHREALTIME
  echo "$c $(( ${t1/./} - ${t0/./} ))"
}
: > "$pkg/q"; : > "$pkg/ps"
for _ in $(seq 1 "$runs"); do
  cpu_us "$fq" query --local "select pid, name from processes" >> "$pkg/q"
  cpu_us ps -e -o pid,comm >> "$pkg/ps"
done
sum() { awk -v c="$1" '{ s += $c } END { print s }' "$2"; }
qw=$(cut -d' ' -f2 "$pkg/q" | median); pw=$(cut -d' ' -f2 "$pkg/ps" | median)
awk -v qc="$(sum 1 "$pkg/q")" -v pc="$(sum 1 "$pkg/ps")" -v qw="$qw" -v pw="$pw" -v n="$runs" 'BEGIN {
  printf "cold query \"select pid, name from processes\" vs ps -e -o pid,comm, %d runs each: CPU %.1f vs %.1f ms per run (%.2fx), median wall %.1f vs %.1f ms (%.2fx)\n", n, qc / n / 1000, pc / n / 1000, qc / pc, qw / 1000, pw / 1000, qw / pw }'

# The same query through a running agent's admin socket, as an operator runs it in a task (ECS Exec): the client's CPU
# against ps, and beside it the agent's CPU for serving those queries (the run time of its socket-serving threads from
# /proc/PID/task/TID/schedstat: the SQL workers, the thread pool and the socket engine; the detections' thread is not
# counted), so the total is on the table too.
sock="$pkg/agent.sock"
"$fq" run --disable_stdout_logging --socket "$sock" -- sleep 3600 & served=$!
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.05; done
serving_ns() { # the agent's pid: nanoseconds its socket-serving threads have run
  local t total=0
  for t in /proc/"$1"/task/*; do
    case $(cat "$t/comm") in
      farquery-admin*|".NET TP Worker"|".NET Sockets") total=$(( total + $(cut -d' ' -f1 "$t/schedstat") )) ;;
    esac
  done
  echo "$total"
}
cpu_us "$fq" query --socket "$sock" "select pid, name from processes" > /dev/null # the agent's first statement plans it
: > "$pkg/sq"; : > "$pkg/sps"
before=$(serving_ns "$served")
for _ in $(seq 1 "$runs"); do
  cpu_us "$fq" query --socket "$sock" "select pid, name from processes" >> "$pkg/sq"
  cpu_us ps -e -o pid,comm >> "$pkg/sps"
done
served_ms=$(awk -v a="$before" -v b="$(serving_ns "$served")" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
kill "$served"; wait "$served" 2>/dev/null || true
qw=$(cut -d' ' -f2 "$pkg/sq" | median); pw=$(cut -d' ' -f2 "$pkg/sps" | median)
awk -v qc="$(sum 1 "$pkg/sq")" -v pc="$(sum 1 "$pkg/sps")" -v qw="$qw" -v pw="$pw" -v n="$runs" -v served="$served_ms" 'BEGIN {
  printf "query through a running agent (admin socket) vs ps -e -o pid,comm, %d runs each: client CPU %.1f vs %.1f ms per run (%.2fx; with the %.1f ms the agent spent serving it, %.2fx), median wall %.1f vs %.1f ms (%.2fx)\n", n, qc / n / 1000, pc / n / 1000, qc / pc, served / n, (qc / 1000 + served) / (pc / 1000), qw / 1000, pw / 1000, qw / pw }'

rss_of() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }
"$fq" run --disable_stdout_logging -- sleep 6 & agent=$!
sleep 4
idle=$(rss_of "$agent"); wait "$agent" || true
"$fq" run --disable_stdout_logging -- sh -c "for i in \$(seq 1 3000); do /bin/true; echo \$i > $pkg/f; done; sleep 2" & agent=$!
sleep 1
busy=0
while kill -0 "$agent" 2>/dev/null; do r=$(rss_of "$agent" 2>/dev/null || echo 0); [ "${r:-0}" -gt "$busy" ] && busy=$r; sleep 0.2; done
sleep_rss=$( (sleep 3 & s=$!; sleep 1; rss_of $s; wait $s) )
echo "agent resident memory: idle app ${idle} kB (target 25600), busy app (3000 fork/exec + writes) peak ${busy} kB (target 40960); the app itself (sleep) ${sleep_rss} kB"
