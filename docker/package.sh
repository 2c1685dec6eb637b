#!/usr/bin/env bash
# Lays out the folder every app container mounts (volumesFrom) at /opt/farquery, so that it runs in any image:
#   bin/farquery          the NativeAOT binary, its ELF interpreter and RUNPATH pointed at the bundled loader and libc
#   bin/libe_sqlite3.so   SQLite, loaded from the binary's own folder
#   lib/                  the glibc loader and libraries the binary (and the TLS stack it dlopens) needs
# The app itself keeps its own loader and libraries: nothing here is put on its LD_LIBRARY_PATH.
# Usage: docker/package.sh PUBLISH_DIR OUT_DIR [PREFIX]   (PREFIX defaults to /opt/farquery)
# Environment: SYSROOT=DIR  take the libraries from DIR (its lib/<triple>, usr/lib/<triple>, ...) instead of /, e.g. the
#              unpacked arm64 libc6 and friends when packaging a linux-arm64 publish on an x64 host.
set -euo pipefail
publish=${1:?publish dir (dotnet publish -p:PublishAot=true -o DIR)}
out=${2:?output dir}
prefix=${3:-/opt/farquery}
command -v patchelf >/dev/null || { echo "package.sh: patchelf is required (apt-get install patchelf)" >&2; exit 2; }

mkdir -p "$out/bin" "$out/lib"
cp "$publish/farquery" "$out/bin/farquery"
cp "$publish/libe_sqlite3.so" "$out/bin/libe_sqlite3.so"

# The loader and every library the binary and SQLite need (their DT_NEEDED entries, followed recursively), plus what
# .NET dlopens for TLS (libssl, libcrypto) and compression (libz) when the libraries are there. Read from the ELF files
# rather than from ldd, so that SYSROOT can hold another architecture's libraries (an arm64 package built on x64).
sysroot=${SYSROOT:-}
case "$(od -An -tx1 -j 18 -N 2 "$publish/farquery" | tr -d ' ')" in
  3e00) triple=x86_64-linux-gnu ;;
  b700) triple=aarch64-linux-gnu ;;
  *) echo "package.sh: $publish/farquery is neither x86_64 nor aarch64" >&2; exit 2 ;;
esac
dirs=("$sysroot/lib/$triple" "$sysroot/usr/lib/$triple" "$sysroot/lib64" "$sysroot/lib" "$sysroot/usr/lib")
find_lib() {
  local d
  for d in "${dirs[@]}"; do
    if [ -e "$d/$1" ]; then echo "$d/$1"; return 0; fi
  done
  return 1
}

interp=$(patchelf --print-interpreter "$publish/farquery")
[ -e "$sysroot$interp" ] || { echo "package.sh: the ELF interpreter $interp is not under ${sysroot:-/}" >&2; exit 1; }
cp -L "$sysroot$interp" "$out/lib/$(basename "$interp")"
queue=($(patchelf --print-needed "$publish/farquery") $(patchelf --print-needed "$publish/libe_sqlite3.so"))
for extra in libssl.so.3 libcrypto.so.3 libz.so.1 libgcc_s.so.1; do
  if find_lib "$extra" >/dev/null; then queue+=("$extra"); fi
done
declare -A copied=()
while [ ${#queue[@]} -gt 0 ]; do
  name=${queue[0]}
  queue=("${queue[@]:1}")
  [ -z "${copied[$name]:-}" ] || continue
  copied[$name]=1
  path=$(find_lib "$name") || { echo "package.sh: $name is needed but not found under ${sysroot:-/}" >&2; exit 1; }
  cp -L "$path" "$out/lib/$name"
  queue+=($(patchelf --print-needed "$path"))
done

patchelf --set-interpreter "$prefix/lib/$(basename "$interp")" --set-rpath "$prefix/lib" "$out/bin/farquery"
patchelf --set-rpath "$prefix/lib" "$out/bin/libe_sqlite3.so"
for lib in "$out"/lib/*.so*; do
  case "$(basename "$lib")" in ld-linux*) ;; *) patchelf --set-rpath "$prefix/lib" "$lib" ;; esac
done
chmod -R a+rX "$out"
echo "packaged $(du -sh "$out" | cut -f1) into $out for $prefix"
