#!/usr/bin/env bash
# The agent's memory and CPU under a busy app, two builds side by side (docs/memory.md, "Fixed margin").
# The app: 3,000 fork/exec of /bin/true, each followed by a write to a file, then 2 s idle (the busy part of
# container-footprint.sh). Per run: the agent's peak RSS (VmRSS sampled every 0.1 s), the agent's own CPU (utime + stime of
# its process, every thread, not the app's), the loop's wall time, and the GC's collections as `farquery status` shows
# them at the end (`gc_collections`: first-generation, second, full). Builds alternate run by run; medians and ranges.
# Usage: busy-memory.sh BASE_DIR NEW_DIR [ROUNDS]   (each DIR holds a published farquery)
set -euo pipefail
base=${1:?usage: busy-memory.sh BASE_DIR NEW_DIR [ROUNDS]}
new=${2:?usage: busy-memory.sh BASE_DIR NEW_DIR [ROUNDS]}
rounds=${3:-6}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

one() { # fq label
  local fq=$1 label=$2 agent peak=0 cpu=0 gcs=-
  # A private admin socket per run, so `status` reaches this agent and no other.
  "$fq" run --disable_stdout_logging --socket="$work/sock" -- sh -c "s=\$(date +%s%N); for i in \$(seq 1 3000); do /bin/true; echo \$i > $work/f; done; e=\$(date +%s%N); echo \$(( (e - s) / 1000000 )) > $work/wall; sleep 2" &
  agent=$!
  while kill -0 "$agent" 2>/dev/null; do
    local r c
    r=$(awk '/VmRSS/ { print $2 }' "/proc/$agent/status" 2>/dev/null || true)
    [ "${r:-0}" -gt "$peak" ] && peak=$r
    c=$(awk '{ print ($14 + $15) * 10 }' "/proc/$agent/stat" 2>/dev/null || true)
    [ -n "$c" ] && cpu=$c
    if [ -s "$work/wall" ] && [ "$gcs" = - ]; then
      gcs=$("$fq" status --socket="$work/sock" 2>/dev/null | awk '$1 == "gc_collections" { print $2 "/" $3 "/" $4 }' || true)
      gcs=${gcs:-?}
    fi
    sleep 0.1
  done
  wait "$agent" || true
  echo "$label $peak $cpu $(cat "$work/wall") $gcs" >> "$work/runs"
  rm -f "$work/wall"
}

for _ in $(seq 1 "$rounds"); do
  one "$base/farquery" base
  one "$new/farquery" new
done

stat() { sort -n | awk '{ a[NR] = $1 } END { printf "%s (%s..%s)", a[int((NR + 1) / 2)], a[1], a[NR] }'; }
printf "%-5s %-28s %-26s %-26s %s\n" build "peak RSS kB, median (range)" "agent CPU ms" "loop wall ms" "gc_collections per run"
for label in base new; do
  printf "%-5s %-28s %-26s %-26s %s\n" "$label" \
    "$(awk -v l="$label" '$1 == l { print $2 }' "$work/runs" | stat)" \
    "$(awk -v l="$label" '$1 == l { print $3 }' "$work/runs" | stat)" \
    "$(awk -v l="$label" '$1 == l { print $4 }' "$work/runs" | stat)" \
    "$(awk -v l="$label" '$1 == l { printf "%s ", $5 }' "$work/runs")"
done
