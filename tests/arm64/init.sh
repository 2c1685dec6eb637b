#!/bin/busybox sh
# /init of the arm64 test VM (tests/arm64/run-in-qemu.sh): runs the scenario, brackets every output in marker lines for
# Arm64QemuTests to find on the serial console, and powers off. Runs as PID 1, so it must never exit: it powers off.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
ip link set lo up
export PATH=/bin PATH_FQ=/opt/farquery/farquery
fq=/opt/farquery/farquery
echo "FQ-ARM64 BOOTED $(uname -m) $(uname -r)"

# section NAME COMMAND...: the command's output between BEGIN/END markers, its exit code on the END line.
section() {
  name=$1
  shift
  echo "FQ-ARM64 BEGIN $name"
  "$@" 2>&1
  echo "FQ-ARM64 END $name rc=$?"
}

# The traced app: execs (busybox applets, which its shell runs through /proc/self/exe, and a copy of busybox run by
# its path as /tmp/true), a write open, a TCP connection over loopback,
# the seccomp state the kernel reports for it, and exit 7. Each exec is its own process, so the rows name them apart.
app='grep -E "^Seccomp(_filters)?:" /proc/self/status | sed "s/^/FQ-ARM64 APP /"
timeout 20 nc -l -p 7777 >/tmp/received &
sleep 1
echo hello-arm64 | timeout 10 nc 127.0.0.1 7777
echo written >/tmp/fq-written.txt
cp /bin/busybox /tmp/true
/tmp/true
wait
echo "FQ-ARM64 APP received $(cat /tmp/received)"
exit 7'
cd /tmp
"$fq" run --print-events --disable_stdout_logging --socket /run/farquery.sock -- /bin/sh -c "$app" >/tmp/run.out 2>/tmp/run.err
echo "FQ-ARM64 RUN-EXIT $?"
section run-stdout cat /tmp/run.out
section run-stderr cat /tmp/run.err

section os_version "$fq" query --json "select name, version, major, platform, arch from os_version"
section processes "$fq" query --json "select pid, name, cmdline from processes where pid = 1"
section users "$fq" query --json "select uid, username, shell from users"
section interface_addresses "$fq" query --json "select interface, address from interface_addresses"
section kernel_info "$fq" query --json "select version, arguments from kernel_info"
section tables "$fq" tables
section packs-check "$fq" packs check /opt/farquery/packs/farquery-detections.json
echo "FQ-ARM64 DONE"
poweroff -f
