#!/usr/bin/env bash
# Runs the linux-arm64 build of farquery on a real arm64 Linux kernel, emulated by qemu-system-aarch64 (TCG), and prints
# the VM's serial console. Used by tests/FarQuery.Aot.Tests/Arm64QemuTests.cs, which asserts on the markers below.
#
#   1. cross-publishes agent/FarQuery.Cli with NativeAOT for linux-arm64 (clang --target=aarch64-linux-gnu, linking
#      against the Debian cross toolchain's glibc: gcc-aarch64-linux-gnu, libc6-dev-arm64-cross);
#   2. fetches Debian bookworm's arm64 kernel, busybox-static and libc6 with `apt-get download` and unpacks them with
#      dpkg-deb into WORK_DIR (nothing arm64 is installed on the host);
#   3. lays out /opt/farquery with docker/package.sh (the binary with its own arm64 loader and glibc, as app containers
#      mount it) and builds an initramfs of busybox-static and that folder, no glibc elsewhere, whose /init runs the
#      scenario and powers off;
#   4. boots it: qemu-system-aarch64 -M virt -cpu max -m 1024 -nographic -no-reboot.
#
# Usage: tests/arm64/run-in-qemu.sh [WORK_DIR]     (default /tmp/farquery-arm64; downloads and sources are cached there)
# Environment: FARQUERY_ARM64_PUBLISH=DIR  use this linux-arm64 publish folder instead of publishing
#              QEMU_TIMEOUT=SECONDS        kill the VM after this long (default 240; the scenario takes about 10 s)
# Exit codes: 0 the VM ran the scenario to its end marker; 1 something failed (the log says what); 3 a tool is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mkdir -p "${1:-/tmp/farquery-arm64}" && cd "${1:-/tmp/farquery-arm64}" && pwd)
say() { echo "run-in-qemu: $*" >&2; }
elapsed() { echo $(($(date +%s) - start)); }
start=$(date +%s)

# The C compiler NativeAOT cross-links with: clang (plain `clang` may be absent when only clang-NN is installed).
clang=${CLANG:-}
for c in clang clang-19 clang-18 clang-17 clang-16 clang-15 clang-14; do
  [ -n "$clang" ] && break
  command -v "$c" >/dev/null && clang=$c
done

missing=()
[ -n "$clang" ] || missing+=("clang (apt-get install clang-14)")
for tool in patchelf:patchelf qemu-system-aarch64:qemu-system-arm aarch64-linux-gnu-ld.bfd:binutils-aarch64-linux-gnu \
            aarch64-linux-gnu-objcopy:binutils-aarch64-linux-gnu dpkg-deb:dpkg apt-get:apt; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool%%:*} (apt-get install ${tool#*:})")
done
# The initramfs archiver: cpio, or the host busybox's (busybox-static is installed for other tests).
cpio=(cpio)
command -v cpio >/dev/null || { [ -x /bin/busybox ] && cpio=(/bin/busybox cpio); } || missing+=("cpio (apt-get install cpio)")
[ -n "${FARQUERY_ARM64_PUBLISH:-}" ] || command -v dotnet >/dev/null || missing+=("dotnet")
[ -n "${FARQUERY_ARM64_PUBLISH:-}" ] || [ -f /usr/aarch64-linux-gnu/lib/crt1.o ] || missing+=("arm64 glibc for linking (apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross)")
if [ ${#missing[@]} -gt 0 ]; then
  say "MISSING: ${missing[*]}"
  exit 3
fi

# --- 1. arm64 packages: the architecture may be unknown to apt (.ci/run does not add it) -------------------------------
debs=$work/debs
mkdir -p "$debs"
if ! apt-cache show libc6:arm64 >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    say "MISSING: the arm64 architecture in apt (as root: dpkg --add-architecture arm64 && apt-get update)"
    exit 3
  fi
  say "adding the arm64 architecture to apt"
  dpkg --add-architecture arm64
  apt-get update -qq >/dev/null
fi
kernel_pkg=$(apt-cache depends linux-image-arm64:arm64 | awk '/Depends: linux-image-[0-9]/ { sub(/:arm64$/, "", $2); print $2; exit }')
[ -n "$kernel_pkg" ] || { say "cannot resolve the kernel behind linux-image-arm64"; exit 1; }
# The libraries docker/package.sh bundles into /opt/farquery/lib: glibc, libgcc_s, zlib. No libssl3 on purpose: without
# a TLS backend nothing may need it (the BCL's hashing would abort the process).
for pkg in "$kernel_pkg" busybox-static libc6 libgcc-s1 zlib1g; do
  if ! ls "$debs/${pkg}_"*_arm64.deb >/dev/null 2>&1; then
    # apt-get download writes to the current folder; as root it warns that _apt cannot write there, harmlessly.
    (cd "$debs" && apt-get download -qq "$pkg:arm64" 2>&1 | grep -v "unsandboxed" >&2 || true)
    ls "$debs/${pkg}_"*_arm64.deb >/dev/null 2>&1 || { say "apt-get download $pkg:arm64 failed"; exit 1; }
  fi
done

extract() { # extract DEB DIR [paths...]: only the wanted paths (the kernel package is mostly modules we do not need)
  local deb=$1 dir=$2
  shift 2
  rm -rf "$dir" && mkdir -p "$dir"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" --wildcards "$@"
}
extract "$(ls "$debs/${kernel_pkg}_"*_arm64.deb)" "$work/kernel" './boot/vmlinuz-*'
extract "$(ls "$debs"/busybox-static_*_arm64.deb)" "$work/busybox" './bin/busybox'
# The sysroot package.sh takes the arm64 libraries from (its ldd and ldconfig would only see the host's).
rm -rf "$work/sysroot" && mkdir -p "$work/sysroot"
for pkg in libc6 libgcc-s1 zlib1g; do
  dpkg-deb --fsys-tarfile "$(ls "$debs/${pkg}_"*_arm64.deb)" | tar -x -C "$work/sysroot"
done

# Debian ships the arm64 kernel as an uncompressed Image (with an EFI stub) that -kernel boots as is; an Image.gz is
# unpacked in case a later kernel is shipped compressed.
kernel=$(ls "$work"/kernel/boot/vmlinuz-*)
if [ "$(head -c 2 "$kernel" | od -An -tx1 | tr -d ' ')" = "1f8b" ]; then
  zcat "$kernel" >"$work/Image" && kernel=$work/Image
fi
say "kernel $(basename "$kernel"), packages ready after $(elapsed)s"

# --- 2. publish: from a copy of the sources, so the arm64 restore never rewrites the obj/ folders (project.assets.json)
# that x64 builds and tests of the checkout use at the same time -------------------------------------------------------
publish=${FARQUERY_ARM64_PUBLISH:-}
if [ -z "$publish" ]; then
  src=$work/src
  mkdir -p "$src"
  (cd "$root" && tar -c --exclude=./.git --exclude='*/bin' --exclude='*/obj' --exclude=./tests .) | tar -x -C "$src"
  publish=$work/publish
  rm -rf "$publish"
  say "publishing linux-arm64 with $clang"
  # FarQuery.Cli.csproj picks a clang-NN and the cross objcopy by itself; the clang found above is passed so that
  # CLANG=... (or a plain clang) decides.
  if ! dotnet publish "$src/agent/FarQuery.Cli/FarQuery.Cli.csproj" -c Release -r linux-arm64 -p:PublishAot=true \
       -p:TreatWarningsAsErrors=true -p:CppCompilerAndLinker="$clang" -o "$publish" -nologo >"$work/publish.log" 2>&1; then
    tail -40 "$work/publish.log" >&2
    say "the linux-arm64 publish failed (full log: $work/publish.log)"
    exit 1
  fi
  say "published after $(elapsed)s"
fi
for f in farquery libe_sqlite3.so; do
  [ -f "$publish/$f" ] || { say "$publish/$f is missing"; exit 1; }
done
case "$(od -An -tx1 -j 18 -N 2 "$publish/farquery" | tr -d ' ')" in
  b700) ;; # e_machine EM_AARCH64
  *) say "$publish/farquery is not an arm64 ELF"; exit 1 ;;
esac

# --- 3. initramfs -------------------------------------------------------------------------------------------------------
rootfs=$work/rootfs
rm -rf "$rootfs"
mkdir -p "$rootfs"/{bin,dev,etc,proc,sys,tmp,run,root,opt}
cp "$work/busybox/bin/busybox" "$rootfs/bin/busybox"
SYSROOT=$work/sysroot bash "$root/docker/package.sh" "$publish" "$rootfs/opt/farquery" /opt/farquery >&2
mkdir -p "$rootfs/opt/farquery/packs"
cp "$root/packs/farquery-detections.json" "$rootfs/opt/farquery/packs/"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
# os_version reads it; the VERSION_ID tells a real row from the table's fallback.
printf 'PRETTY_NAME="FarQuery arm64 test VM"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n' >"$rootfs/etc/os-release"
cp "$root/tests/arm64/init.sh" "$rootfs/init"
chmod +x "$rootfs/init" "$rootfs/bin/busybox"
(cd "$rootfs" && find . | "${cpio[@]}" -o -H newc 2>/dev/null | gzip -1) >"$work/initramfs.cpio.gz"
say "initramfs $(du -h "$work/initramfs.cpio.gz" | cut -f1) after $(elapsed)s; booting"

# --- 4. boot ------------------------------------------------------------------------------------------------------------
# -cpu max with pauth-impdef: the architected pointer-authentication algorithm (QARMA) is very slow to emulate and the
# test is not about it. -smp 2: the tracer and the app run on two CPUs, as in a Fargate task. -nic none: only loopback is
# used, and the default NIC would need a ROM from ipxe-qemu, which .ci/run does not install (no recommends).
serial=$work/serial.log
set +e
timeout "${QEMU_TIMEOUT:-240}" qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on -smp 2 -m 1024 -nographic -no-reboot -nic none \
  -kernel "$kernel" -initrd "$work/initramfs.cpio.gz" -append "console=ttyAMA0 rdinit=/init panic=-1 quiet loglevel=1" \
  </dev/null >"$serial" 2>&1
rc=$?
set -e
tr -d '\r' <"$serial"
say "qemu exited with $rc after $(elapsed)s"
grep -q '^FQ-ARM64 DONE' "$serial" || { say "the VM did not reach the end of the scenario"; exit 1; }
