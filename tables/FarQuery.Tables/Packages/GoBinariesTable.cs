// SPDX-License-Identifier: Apache-2.0
using System.Buffers;

namespace FarQuery.Tables;

/// <summary>Go executables and the modules compiled into them, from the build info the Go linker embeds: one row per
/// binary for its main module, in fleetd's columns, and one per dependency only when the query asks for
/// <c>kind = 'dep'</c>, so that Fleet's software query sees one row per binary (tables/specs/go_binaries.json). Searched: the directories of PATH (pid 1's environment, else the Debian
/// default) and the app directories, or just <c>directory =</c> / <c>path =</c>. A file without build info gives no row.
/// Walks go <see cref="AppWalkDepth"/> levels down, skip symlinked directories and directories on kernel pseudo file
/// systems (/proc, /sys), and count against the query's <see cref="WalkBudget"/>; only regular files of ordinary file
/// systems are opened (a FIFO, a device or /proc/kmsg never is), and a file without section headers is scanned for
/// the build info only up to <see cref="MaxScanBytes"/>.</summary>
[RowSource(typeof(GoModule))]
public sealed partial class GoBinariesTable(TableContext context) : Table(context)
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private const int AppWalkDepth = 4;

    // Section tables and .go.buildinfo are small; bounds keep a corrupt header from making the agent read gigabytes.
    private const int MaxSectionTable = 1 << 20;
    private const int MaxBuildInfo = 4 << 20;

    /// <summary>The most of one file searched for the build info magic when it has no section table (sstrip).</summary>
    internal const long MaxScanBytes = 256L << 20;

    // /root/go/bin is where `go install` puts binaries for root, the directory fleetd's table searches for each user.
    private static readonly string[] AppDirectories = ["/app", "/srv", "/usr/src/app", "/go/bin", "/opt", "/ko-app", "/root/go/bin"];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var budget = WalkBudget.For(Schema.Name, query);
        var withDependencies = query.TextEquals(C.Kind)?.Contains("dep") == true;
        foreach (var (path, directory) in Candidates(query, budget))
        {
            query.Cancellation.ThrowIfCancellationRequested();
            if (!seen.Add(path) || !TryRead(Context.Fs, path, query.Cancellation, out var info))
            {
                continue;
            }

            // A binary built outside module mode has no module lines; it still gets one row.
            var modules = info.Modules.Count > 0 ? info.Modules : [new GoModule("main", "", "", "", "")];
            var main = modules.FirstOrDefault(m => m.Kind == "main") ?? new GoModule("main", "", "", "", "");
            foreach (var m in modules.Where(m => m.Kind == "main" || withDependencies))
            {
                // Kind, Version, Sum and ReplacedBy come from the module record by column name.
                var row = RowFrom(m);
                row.Name = Path.GetFileName(path);
                row.ModulePath = main.Path;
                row.ImportPath = info.MainPackage;
                row.InstalledPath = path;
                row.Path = path;
                row.Directory = directory;
                row.GoVersion = info.GoVersion;
                row.MainPackage = info.MainPackage;
                row.Module = m.Path;
                yield return row;
            }
        }
    }

    private IEnumerable<(string Path, string Directory)> Candidates(QueryContext query, WalkBudget budget)
    {
        if ((query.TextEquals(C.Path) ?? query.TextEquals(C.InstalledPath)) is { } paths)
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
                foreach (var f in Walk(d, AppWalkDepth, budget))
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

            foreach (var f in PackageFiles.Files(Context.Fs, d, budget))
            {
                yield return (f, d);
            }
        }

        foreach (var d in AppDirectories)
        {
            foreach (var f in Walk(d, AppWalkDepth, budget))
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

    private IEnumerable<string> Walk(string dir, int depth, WalkBudget budget)
    {
        // /proc and /sys hold no binaries but hundreds of thousands of entries (and /proc/kmsg); not entered.
        if (Context.Fs.IsOnPseudoFileSystem(dir))
        {
            yield break;
        }

        var entries = Context.Fs.ListEntries(dir, budget);
        foreach (var e in entries.Where(e => !e.IsDirectory))
        {
            yield return Path.Join(dir, e.Name);
        }

        if (depth == 0)
        {
            yield break;
        }

        foreach (var e in entries.Where(e => e.IsDirectory && !e.IsSymlink))
        {
            foreach (var f in Walk(Path.Join(dir, e.Name), depth - 1, budget))
            {
                yield return f;
            }
        }
    }

    /// <summary>Reads only the ELF header, the section table, the section names and .go.buildinfo, so scanning /usr/bin
    /// costs a few small reads per file. A binary without section headers (sstrip) is searched for the magic.</summary>
    private static bool TryRead(HostFileSystem fs, string path, CancellationToken cancellation, out GoBuildInfo info)
    {
        info = null!;
        using var opened = fs.OpenUserFile(path, cancellation, out _);
        if (opened is null)
        {
            return false;
        }

        try
        {
            using var file = opened.AsStream(long.MaxValue);
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
    private static bool TryScan(Stream file, out GoBuildInfo info)
    {
        info = null!;
        const int Chunk = 1 << 20;
        var buffer = ArrayPool<byte>.Shared.Rent(Chunk + MaxBuildInfo);
        try
        {
            for (long pos = 0; pos < Math.Min(file.Length, MaxScanBytes); pos += Chunk)
            {
                file.Position = pos;
                var n = file.ReadAtLeast(buffer.AsSpan(0, Chunk + MaxBuildInfo), Chunk + MaxBuildInfo, throwOnEndOfStream: false);
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
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] ReadAt(Stream file, long offset, int count)
    {
        var buffer = new byte[count];
        file.Position = offset;
        var n = file.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return n == count ? buffer : buffer[..n];
    }
}
