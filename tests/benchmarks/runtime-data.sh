#!/usr/bin/env bash
# What the NativeAOT binary carries as runtime data, which the default build rebuilds at every start (docs/tracer.md,
# "Runtime data the binary carries"): type structures, their generic dictionaries and writable data, and the GC and
# non-GC static bases, per assembly (or per namespace with DEPTH), read from the compiler's map file.
# A generic instantiation counts for the innermost type argument that is not System.Private.CoreLib's, so that
# List<Amazon.X> is the AWS SDK's; an instantiation over CoreLib types only is CoreLib's.
# Usage: runtime-data.sh [DIR] [ROWS] [DEPTH]
#   DIR: a folder with the compiler's farquery.map.xml and farquery.ilc.rsp; when they are not there, publishes into DIR
#        (default: a temp folder) with -p:IlcGenerateMapFile=true and copies them from the project's obj/ folder.
#   DEPTH: 0 per assembly (default), N: per the first N parts of the type's namespace and name.
# Needs python3.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$(mktemp -d)}
rows=${2:-25}
depth=${3:-0}
map="$dir/farquery.map.xml"; rsp="$dir/farquery.ilc.rsp"
if [ ! -f "$map" ] || [ ! -f "$rsp" ]; then
  dotnet publish "$here/agent/FarQuery.Cli" -c Release -r linux-x64 -p:PublishAot=true -p:IlcGenerateMapFile=true -o "$dir" >/dev/null
  native="$here/agent/FarQuery.Cli/obj/Release/net10.0/linux-x64/native"
  cp "$native/farquery.map.xml" "$native/farquery.ilc.rsp" "$dir/"
fi
python3 - "$map" "$rsp" "$rows" "$depth" <<'PY'
import collections, os, re, sys
mapf, rsp, rows, depth = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
names = [os.path.basename(l.strip()[3:])[:-4] for l in open(rsp) if l.startswith('-r:')] + ['farquery']
prefix = {}
for a in names:
    if a in ('System', 'mscorlib', 'netstandard'):
        continue  # facades: no types of their own
    p = 'S_P_' + a[15:] if a.startswith('System.Private.') else a
    prefix[p.replace('.', '_') + '_'] = a
ordered = sorted(prefix, key=len, reverse=True)
# node kind -> (what it is, symbol prefix)
kinds = {'ConstructedEEType': ('type', '_ZTV'), 'EEType': ('type', '_ZTV'), 'ReflectionVisibleGenericDefinitionEEType': ('type', '_ZTV'),
         'SealedVTable': ('data', '__SealedVTable_'), 'GenericComposition': ('data', '__GenericInstantiation'),
         'TypeGenericDictionary': ('data', '__GenericDict_'), 'MethodGenericDictionary': ('data', '__GenericDict_'),
         'WritableData': ('data', '__writableData'), 'InterfaceDispatchMap': ('data', '__InterfaceDispatchMap_'),
         'GCStatics': ('gc', '__GCSTATICS'), 'NonGCStatics': ('nongc', '__NONGCSTATICS')}
def owners(name):
    found = []
    for part in re.split(r'&lt;|&gt;|,|__(?=[A-Z])', name):
        part = re.sub(r'^(Boxed_|Array_)', '', re.sub(r'^\d+', '', part.strip('_ ')))
        for p in ordered:
            if part.startswith(p):
                found.append((prefix[p], part[len(p):]))
                break
    return found
size = collections.Counter(); types = collections.Counter(); gc = collections.Counter(); nongc = collections.Counter()
totals = collections.Counter()
for m in re.finditer(r'<(\w+) Name="([^"]*)" Length="(\d+)"', open(mapf).read()):
    kind, name, length = m.group(1), m.group(2), int(m.group(3))
    totals[kind] += length
    if kind not in kinds:
        continue
    what, sym = kinds[kind]
    if name.startswith(sym):
        name = name[len(sym):]
    found = owners(name)
    other = [o for o in found if o[0] != 'System.Private.CoreLib']
    asm, rest = other[-1] if other else (found[0] if found else ('?', name))
    key = asm if depth == 0 else asm + ': ' + '_'.join(rest.split('&lt;')[0].split('_')[:depth])
    if what in ('type', 'data'):
        size[key] += length
    if what == 'type':
        types[key] += 1
    elif what == 'gc':
        gc[key] += 1
    elif what == 'nongc':
        nongc[key] += 1
all_bytes = sum(size.values())
print(f"type structures {sum(types.values())}, their data {all_bytes} B; GC static bases {sum(gc.values())}, non-GC {sum(nongc.values())}; "
      f"compressed runtime data {totals['DehydratedData']} B, frozen objects (string literals, preinitialized data) {totals['ArrayOfFrozenObjects']} B")
print(f"{'owner':70} {'bytes':>9} {'%':>5} {'types':>6} {'GC st':>6} {'non-GC':>6}")
for key, b in size.most_common(rows):
    print(f"{key[:70]:70} {b:9} {100 * b / all_bytes:5.1f} {types[key]:6} {gc[key]:6} {nongc[key]:6}")
PY
