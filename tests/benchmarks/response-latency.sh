#!/usr/bin/env bash
# Event to alert latency of the response engine, measured end to end against a real nats-server and a webhook receiver
# on loopback: the traced app execs a fresh binary from /dev/shm every 1.3 s and writes the time just before each exec;
# a NATS subscriber (python3, the protocol's text frames) stamps each farquery.warning.execution_from_dev_shm message
# when it arrives, and an HTTP receiver (python3 http.server) stamps each webhook POST; the kill playbook's latency is
# the time from the exec to the moment the process is gone (the app's `wait`).
# Prints p50 and p99 of the three, in milliseconds (VERBOSE=1: every round too). Usage: tests/benchmarks/response-latency.sh [FARQUERY] [ROUNDS]
set -euo pipefail
FQ=${1:-agent/FarQuery.Cli/bin/Release/net10.0/linux-x64/farquery}
ROUNDS=${2:-40}
command -v nats-server >/dev/null || { echo "needs nats-server (apt-get install nats-server)" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work" /dev/shm/fq-lat-*' EXIT
port=$((20000 + RANDOM % 20000))
nats-server -a 127.0.0.1 -p "$port" >/dev/null 2>&1 &
sleep 0.5

python3 - "$port" "$work/received" "$work/ready" <<'PY' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
# The PONG to this PING proves the server has the subscription: only then may the agent start (NATS keeps nothing
# for a subscriber that is not there yet).
s.sendall(b'CONNECT {"verbose":false}\r\nSUB farquery.> 1\r\nPING\r\n')
out = open(sys.argv[2], "w", buffering=1)
buf = b""
while True:
    data = s.recv(65536)
    if not data:
        break
    buf += data
    while b"\r\n" in buf:
        line, rest = buf.split(b"\r\n", 1)
        if line.startswith(b"PING"):
            s.sendall(b"PONG\r\n"); buf = rest; continue
        if line.startswith(b"PONG"):
            open(sys.argv[3], "w").close(); buf = rest; continue
        if line.startswith(b"MSG"):
            size = int(line.split()[-1])
            if len(rest) < size + 2:
                break
            payload = rest[:size]; buf = rest[size + 2:]
            now = time.time_ns()
            import json
            path = json.loads(payload)["fields"].get("path", "")
            out.write(f"{path} {now}\n")
            continue
        buf = rest
PY
for _ in $(seq 100); do [ -e "$work/ready" ] && break; sleep 0.05; done

hook_port=$((port + 1))
python3 - "$hook_port" "$work/hooked" <<'PY' &
import http.server, json, sys, time
out = open(sys.argv[2], "w", buffering=1)
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        now = time.time_ns()
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
        out.write(f"{json.loads(body)['fields'].get('path', '')} {now}\n")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
PY
for _ in $(seq 100); do python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $hook_port)).close()" 2>/dev/null && break; sleep 0.05; done

cat > "$work/farquery.conf" <<CONF
{"packs": {"farquery-detections": "/embedded/packs/farquery-detections.json"},
 "response": {"outputs": {"bench": {"type": "nats", "url": "nats://127.0.0.1:$port"},
                          "hook": {"type": "webhook", "url": "http://127.0.0.1:$hook_port/alerts"}},
              "playbooks": {"kill": {"action": "kill", "rules": ["Execution from /dev/shm"], "max_per_minute": 1000}}}}
CONF
FARQUERY_SOCKET=$work/admin.sock "$FQ" run --config_path "$work/farquery.conf" --disable_stdout_logging -- sh -c '
  for i in $(seq 1 '"$ROUNDS"'); do
    b=/dev/shm/fq-lat-$i; cp /bin/sleep $b
    t0=$(date +%s%N); $b 30 & pid=$!; wait $pid; t1=$(date +%s%N)
    echo "$b $t0 $t1" >> '"$work"'/sent; rm -f $b; sleep 0.3
  done' 2>"$work/agent.err"
sleep 1
python3 - "$work/sent" "$work/received" "$work/hooked" <<'PY'
import os, sys
sent = {p: (int(a), int(b)) for p, a, b in (l.split() for l in open(sys.argv[1]))}
def stamps(path):
    first = {}
    for l in open(path):
        p, t = l.split(); first.setdefault(p, int(t))
    return first
got = stamps(sys.argv[2])
hooked = stamps(sys.argv[3])
def pct(v, q):
    v = sorted(v); return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]
nats = [(got[p] - t0) / 1e6 for p, (t0, _) in sent.items() if p in got]
hook = [(hooked[p] - t0) / 1e6 for p, (t0, _) in sent.items() if p in hooked]
kill = [(t1 - t0) / 1e6 for p, (t0, t1) in sent.items()]
print(f"rounds {len(sent)}, alerts received {len(nats)} on NATS, {len(hook)} by the webhook")
print(f"event -> NATS message: p50 {pct(nats, .5):.0f} ms, p99 {pct(nats, .99):.0f} ms")
print(f"event -> webhook POST: p50 {pct(hook, .5):.0f} ms, p99 {pct(hook, .99):.0f} ms")
print(f"event -> process killed: p50 {pct(kill, .5):.0f} ms, p99 {pct(kill, .99):.0f} ms")
if os.environ.get("VERBOSE"):
    print("NATS, in round order:", " ".join(f"{v:.0f}" for v in nats))
    print("kill, in round order:", " ".join(f"{v:.0f}" for v in kill))
    missing = [p for p in sent if p not in got]
    print("no alert for:", " ".join(missing) or "none")
    if missing:
        print(open(sys.argv[1].rsplit("/", 1)[0] + "/agent.err").read()[-3000:])
PY
