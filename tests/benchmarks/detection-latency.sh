#!/usr/bin/env bash
# Detection latency: time from a suspicious action inside `farquery run` (exec from /dev/shm) to its alert line on
# stdout, with the default embedded packs (1 s detection interval). Usage: detection-latency.sh [farquery-binary] [N]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
fq=${1:-}
n=${2:-10}
if [ -z "$fq" ]; then
  fq=/tmp/farquery-latency/farquery
  dotnet publish "$here/agent/FarQuery.Cli" -c Release -r linux-x64 -p:PublishAot=true -o /tmp/farquery-latency >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work" /dev/shm/fq-lat-*' EXIT
cp /bin/true "$work/payload"
# The workload records when it acts; the reader stamps each alert line as it arrives.
workload="for i in \$(seq 1 $n); do sleep 1.37; cp $work/payload /dev/shm/fq-lat-\$i; date +%s.%N > $work/act-\$i; /dev/shm/fq-lat-\$i; done; sleep 3"
"$fq" run -- sh -c "$workload" | while IFS= read -r line; do
  case "$line" in
    *execution_from_dev_shm*fq-lat-*)
      i=$(printf '%s' "$line" | grep -o 'fq-lat-[0-9]*' | head -1 | cut -d- -f3)
      [ -e "$work/seen-$i" ] && continue
      touch "$work/seen-$i"
      echo "$i $(date +%s.%N)" >> "$work/arrivals";;
  esac
done
if [ ! -s "$work/arrivals" ]; then echo "no alerts seen" >&2; exit 1; fi
sort -n "$work/arrivals" | while read -r i t; do
  a=$(cat "$work/act-$i")
  awk -v a="$a" -v t="$t" 'BEGIN { printf "%.3f\n", t - a }'
done > "$work/latencies"
sort -n "$work/latencies" > "$work/sorted"
count=$(wc -l < "$work/sorted")
median=$(awk -v c="$count" 'NR == int((c + 1) / 2) { print }' "$work/sorted")
max=$(tail -1 "$work/sorted")
echo "detection latency over $count alerts (of $n actions): median ${median}s, max ${max}s (target: under 2 s)"
