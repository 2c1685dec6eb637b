#!/usr/bin/env bash
# Lays out the folder every app container mounts (volumesFrom) at /opt/farquery, so that it runs in any image:
#   bin/farquery          the NativeAOT binary, its ELF interpreter and RUNPATH pointed at the bundled loader and libc
#   bin/libe_sqlite3.so   SQLite, loaded from the binary's own folder
#   lib/                  the glibc loader and libraries the binary (and the TLS stack it dlopens) needs
# The app itself keeps its own loader and libraries: nothing here is put on its LD_LIBRARY_PATH.
# Usage: docker/package.sh PUBLISH_DIR OUT_DIR [PREFIX]   (PREFIX defaults to /opt/farquery)
set -euo pipefail
publish=${1:?publish dir (dotnet publish -p:PublishAot=true -o DIR)}
out=${2:?output dir}
prefix=${3:-/opt/farquery}
command -v patchelf >/dev/null || { echo "package.sh: patchelf is required (apt-get install patchelf)" >&2; exit 2; }

mkdir -p "$out/bin" "$out/lib"
cp "$publish/farquery" "$out/bin/farquery"
cp "$publish/libe_sqlite3.so" "$out/bin/libe_sqlite3.so"

# The loader and every library ldd names, plus what .NET dlopens for TLS (libssl, libcrypto) and compression (libz).
interp=$(patchelf --print-interpreter "$publish/farquery")
cp -L "$interp" "$out/lib/$(basename "$interp")"
libs=$( { ldd "$publish/farquery"; ldd "$publish/libe_sqlite3.so"; } | awk '/=> \// { print $3 }' | sort -u)
for extra in libssl.so.3 libcrypto.so.3 libz.so.1 libgcc_s.so.1; do
  p=$(ldconfig -p | awk -v n="$extra" '$1 == n && /x86-64|AArch64|aarch64/ { print $NF; exit }')
  [ -n "$p" ] && libs="$libs $p"
done
for lib in $libs; do
  cp -L "$lib" "$out/lib/$(basename "$lib")"
done

patchelf --set-interpreter "$prefix/lib/$(basename "$interp")" --set-rpath "$prefix/lib" "$out/bin/farquery"
patchelf --set-rpath "$prefix/lib" "$out/bin/libe_sqlite3.so"
for lib in "$out"/lib/*.so*; do
  case "$(basename "$lib")" in ld-linux*) ;; *) patchelf --set-rpath "$prefix/lib" "$lib" ;; esac
done
chmod -R a+rX "$out"
echo "packaged $(du -sh "$out" | cut -f1) into $out for $prefix"
