#!/usr/bin/env bash
# Footprint of the packaged agent, side by side with the app alone in one run:
#   - size of /opt/farquery;
#   - time from container start to the app's first instruction (the app prints a monotonic-ish clock at once);
#   - the agent's resident memory while tracing an idle app and a busy one (fork/exec and file writes).
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
echo "start to first instruction, median of $runs: app alone ${p} ms, under farquery run ${t} ms (+$((t - p)) ms)"

rss_of() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }
"$fq" run --disable_stdout_logging -- sleep 6 & agent=$!
sleep 4
idle=$(rss_of "$agent"); wait "$agent" || true
"$fq" run --disable_stdout_logging -- sh -c "for i in \$(seq 1 3000); do /bin/true; echo \$i > $pkg/f; done; sleep 2" & agent=$!
sleep 1
busy=0
while kill -0 "$agent" 2>/dev/null; do r=$(rss_of "$agent" 2>/dev/null || echo 0); [ "${r:-0}" -gt "$busy" ] && busy=$r; sleep 0.2; done
sleep_rss=$( (sleep 3 & s=$!; sleep 1; rss_of $s; wait $s) )
echo "agent resident memory: idle app ${idle} kB, busy app (3000 fork/exec + writes) peak ${busy} kB; the app itself (sleep) ${sleep_rss} kB"
