// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Core;
using FarQuery.Tables.Parsers;

namespace FarQuery.Tables;

/// <summary>Go executables and the modules compiled into them, from the build info the Go linker embeds: one row for
/// the main module and one per dependency. Searched: the directories of PATH (pid 1's environment, else the Debian
/// default) and the app directories, or just <c>directory =</c> / <c>path =</c>. A file without build info gives no row.</summary>
public sealed partial class GoBinariesTable(TableContext context) : Table(context)
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private const int AppWalkDepth = 4;

    // Section tables and .go.buildinfo are small; bounds keep a corrupt header from making the agent read gigabytes.
    private const int MaxSectionTable = 1 << 20;
    private const int MaxBuildInfo = 4 << 20;

    private static readonly string[] AppDirectories = ["/app", "/srv", "/usr/src/app", "/go/bin", "/opt", "/ko-app"];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, directory) in Candidates(query))
        {
            query.Cancellation.ThrowIfCancellationRequested();
            if (!seen.Add(path) || !TryRead(Context.Fs.Resolve(path), out var info))
            {
                continue;
            }

            // A binary built outside module mode has no module lines; it still gets one row.
            var modules = info.Modules.Count > 0 ? info.Modules : [new GoModule("main", "", "", "", "")];
            foreach (var m in modules)
            {
                var row = NewRow();
                row[C.Path] = path;
                row[C.Directory] = directory;
                row[C.GoVersion] = info.GoVersion;
                row[C.MainPackage] = info.MainPackage;
                row[C.Kind] = m.Kind;
                row[C.Module] = m.Path;
                row[C.Version] = m.Version;
                row[C.Sum] = m.Sum;
                row[C.ReplacedBy] = m.ReplacedBy;
                yield return row;
            }
        }
    }

    private IEnumerable<(string Path, string Directory)> Candidates(QueryContext query)
    {
        if (query.TextEquals(C.Path) is { } paths)
        {
            foreach (var p in paths)
            {
                yield return (p, Path.GetDirectoryName(p) ?? "/");
            }

            yield break;
        }

        if (query.TextEquals(C.Directory) is { } dirs)
        {
            foreach (var d in dirs)
            {
                foreach (var f in Walk(d, AppWalkDepth))
                {
                    yield return (f, d);
                }
            }

            yield break;
        }

        // On merged-/usr images /bin is a link to /usr/bin; each real directory is listed once.
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in SearchPath())
        {
            if (!listed.Add(PackageFiles.Canonical(Context.Fs, d)))
            {
                continue;
            }

            foreach (var f in PackageFiles.List(Context.Fs, d))
            {
                yield return (f, d);
            }
        }

        foreach (var d in AppDirectories)
        {
            foreach (var f in Walk(d, AppWalkDepth))
            {
                yield return (f, d);
            }
        }
    }

    /// <summary>PATH of the container's main process (pid 1), as the app sees it; the agent's own PATH may differ.</summary>
    private IEnumerable<string> SearchPath()
    {
        var value = DefaultPath;
        if (Context.Fs.TryReadAllBytes("/proc/1/environ", out var environ))
        {
            foreach (var range in environ.AsSpan().Split((byte)0))
            {
                var entry = environ.AsSpan()[range];
                if (entry.StartsWith("PATH="u8))
                {
                    value = Encoding.UTF8.GetString(entry[5..]);
                }
            }
        }

        return value.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(p => p.StartsWith('/'));
    }

    private IEnumerable<string> Walk(string dir, int depth)
    {
        foreach (var f in PackageFiles.List(Context.Fs, dir))
        {
            yield return f;
        }

        if (depth == 0)
        {
            yield break;
        }

        foreach (var sub in PackageFiles.List(Context.Fs, dir, directories: true))
        {
            if (!Context.Fs.TryReadLink(sub, out _))
            {
                foreach (var f in Walk(sub, depth - 1))
                {
                    yield return f;
                }
            }
        }
    }

    /// <summary>Reads only the ELF header, the section table, the section names and .go.buildinfo, so scanning /usr/bin
    /// costs a few small reads per file. A binary without section headers (sstrip) is searched for the magic.</summary>
    private static bool TryRead(string realPath, out GoBuildInfo info)
    {
        info = null!;
        try
        {
            using var file = new FileStream(realPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            var header = ReadAt(file, 0, 64);
            if (!ElfSections.TryRead(header, out var elf))
            {
                return false;
            }

            if (elf.Count == 0)
            {
                return TryScan(file, out info);
            }

            if (elf.TableLength > MaxSectionTable)
            {
                return false;
            }

            var table = ReadAt(file, elf.TableOffset, (int)elf.TableLength);
            if (!elf.TrySection(table, elf.NamesIndex, out var namesOffset, out var namesSize, out _) || namesSize > MaxSectionTable)
            {
                return false;
            }

            var names = ReadAt(file, namesOffset, (int)namesSize);
            if (!elf.TryFind(table, names, ".go.buildinfo"u8, out var offset, out var size) || size > MaxBuildInfo)
            {
                return false;
            }

            return GoBuildInfo.TryParse(ReadAt(file, offset, (int)size), out info);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The build info blob is 16-byte aligned in the data segment; look for the magic at aligned offsets.</summary>
    private static bool TryScan(FileStream file, out GoBuildInfo info)
    {
        info = null!;
        const int Chunk = 1 << 20;
        var buffer = new byte[Chunk + MaxBuildInfo];
        for (long pos = 0; pos < file.Length; pos += Chunk)
        {
            file.Position = pos;
            var n = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var span = buffer.AsSpan(0, n);
            for (var i = 0; i < Math.Min(n, Chunk); i += 16)
            {
                if (span[i..].StartsWith(GoBuildInfo.Magic) && GoBuildInfo.TryParse(span[i..], out info))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static byte[] ReadAt(FileStream file, long offset, int count)
    {
        var buffer = new byte[count];
        file.Position = offset;
        var n = file.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return n == count ? buffer : buffer[..n];
    }
}
