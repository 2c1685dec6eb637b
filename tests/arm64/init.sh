#!/bin/busybox sh
# /init of the arm64 test VM (tests/arm64/run-in-qemu.sh): runs the scenario and brackets every output in marker lines
# for Arm64QemuTests to find on the serial console. It ends by exec'ing farquery as PID 1, whose exit ends the VM.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
ip link set lo up
export PATH=/bin
fq=/opt/farquery/bin/farquery
echo "FQ-ARM64 BOOTED $(uname -m) $(uname -r)"
# The root file system has no glibc (busybox-static only): farquery runs on the loader and glibc package.sh bundled.
echo "FQ-ARM64 GLIBC $(ls /lib /lib64 /usr/lib 2>/dev/null | grep -c '^libc\.so')"
echo "FQ-ARM64 LIBSSL $(ls /opt/farquery/lib /lib /usr/lib 2>/dev/null | grep -c '^libssl')"

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
# The client connects once port 7777 (1E61) is listening.
app='grep -E "^Seccomp(_filters)?:" /proc/self/status | sed "s/^/FQ-ARM64 APP /"
timeout 20 nc -l -p 7777 >/tmp/received &
n=0
until grep -q ":1E61 [0-9A-F]*:0000 0A" /proc/net/tcp6 /proc/net/tcp 2>/dev/null || [ $n -ge 100 ]; do sleep 0.1; n=$((n + 1)); done
echo hello-arm64 | timeout 10 nc 127.0.0.1 7777
echo written >/tmp/fq-written.txt
cp /bin/busybox /tmp/true
/tmp/true
wait
echo "FQ-ARM64 APP received $(cat /tmp/received)"
exit 7'
cd /tmp
"$fq" run --print-events --disable_stdout_logging --exit_timeout_ms=20000 --socket /run/farquery.sock -- /bin/sh -c "$app" >/tmp/run.out 2>/tmp/run.err
echo "FQ-ARM64 RUN-EXIT $?"
section run-stdout cat /tmp/run.out
section run-stderr cat /tmp/run.err

# Both runs above and below give the exit 20 s instead of 1 s: under emulation beside a loaded host the exit work can
# take longer, and the watchdog would end it before --print-events dumps the rows these tests read.
# The same tracer decoding syscalls from the registers (user_pt_regs through PTRACE_GETREGSET), the path kernels before
# 5.3 take: a write open, a refused connect (its -ECONNREFUSED read back from x0 at the exit stop), an exec, exit 5.
regs_app='echo regs >/tmp/fq-regs.txt
nc 127.0.0.1 7778 </dev/null
/tmp/true
exit 5'
FARQUERY_TRACE_REGISTERS=1 "$fq" run --print-events --disable_stdout_logging --exit_timeout_ms=20000 --socket /run/farquery-regs.sock -- /bin/sh -c "$regs_app" >/tmp/regs.out 2>/tmp/regs.err
echo "FQ-ARM64 REGS-EXIT $?"
section regs-stderr cat /tmp/regs.err

section os_version "$fq" query --json "select name, version, major, platform, arch from os_version"
section processes "$fq" query --json "select pid, name, cmdline from processes where pid = 1"
section users "$fq" query --json "select uid, username, shell from users"
section interface_addresses "$fq" query --json "select interface, address from interface_addresses"
section kernel_info "$fq" query --json "select version, arguments from kernel_info"
# Hashing without libssl: the managed digests, not the runtime's (which would abort the process).
section hash "$fq" query --json "select md5, sha1, sha256 from hash where path = '/etc/group'"
section tables "$fq" tables
section packs-check "$fq" packs check /opt/farquery/packs/farquery-detections.json
echo "FQ-ARM64 DONE"

# Last, farquery as PID 1 itself, as a container entrypoint: the app leaves an orphan for it to reap and exits 7. When
# PID 1 exits the kernel panics with its exit status ("Attempted to kill init! exitcode=0x00000700"); panic=-1 and
# qemu's -no-reboot then end the VM.
echo "FQ-ARM64 BEGIN pid1"
pid1_app='echo "FQ-ARM64 PID1 init is $(cat /proc/1/comm)"
(sleep 1 &)
sleep 3
echo "FQ-ARM64 PID1 zombies=$(grep -l "^State:.*Z" /proc/[0-9]*/status 2>/dev/null | wc -l)"
exit 7'
exec "$fq" run --print-events --disable_stdout_logging --socket /run/farquery-pid1.sock -- /bin/sh -c "$pid1_app"
