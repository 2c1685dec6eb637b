// SPDX-License-Identifier: Apache-2.0
using System.IO.Compression;

namespace FarQuery.Tables;

/// <summary>Java archives (.jar, .war, .ear) under the usual application directories: one row per Maven
/// pom.properties inside (a shaded JAR carries several), or one row from MANIFEST.MF when there is none. JARs nested in
/// fat JARs (Spring Boot BOOT-INF/lib, WEB-INF/lib, one-jar lib/) are opened from memory and reported with their
/// <c>nested_path</c>. A file that is not a zip gives no row. Walks go <see cref="MaxWalkDepth"/> levels down, skip
/// symlinked directories and kernel pseudo file systems, and count against the query's <see cref="WalkBudget"/>; only
/// regular files of ordinary file systems up to <see cref="MaxArchiveBytes"/> are opened, and a manifest or
/// pom.properties is read up to <see cref="MaxMetadataBytes"/>.</summary>
public sealed partial class JavaPackagesTable(TableContext context) : Table(context)
{
    private const int MaxWalkDepth = 8;
    private const int MaxNesting = 3;

    // A nested archive is copied to memory to be opened; beyond this it is skipped to keep the agent small.
    private const long MaxNestedBytes = 32L << 20;

    /// <summary>The largest archive opened: application fat JARs and WARs are tens to a few hundred MB.</summary>
    internal const long MaxArchiveBytes = 1L << 30;

    /// <summary>The most read of one MANIFEST.MF or pom.properties (a few KB in practice; a zip bomb would be more).</summary>
    internal const int MaxMetadataBytes = 1 << 20;

    private static readonly string[] SearchRoots = ["/app", "/opt", "/srv", "/deployments", "/usr/share/java", "/usr/local/lib", "/usr/local/tomcat", "/usr/src/app", "/home"];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var budget = WalkBudget.For(Schema.Name, query);
        foreach (var directory in query.TextEquals(C.Directory) ?? SearchRoots)
        {
            foreach (var path in Archives(directory, 0, budget))
            {
                query.Cancellation.ThrowIfCancellationRequested();
                var found = new List<JarEntry>();
                try
                {
                    using var file = Context.Fs.OpenUserFile(path, query.Cancellation, out _);
                    if (file is null || file.Length > MaxArchiveBytes)
                    {
                        continue;
                    }

                    using var stream = file.AsStream(MaxArchiveBytes);
                    Read(stream, "", 0, found);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    // Not a zip (or unreadable): whatever was read before the failure is still reported.
                }

                foreach (var f in found)
                {
                    var row = NewRow();
                    row.Name = f.Name;
                    row.Version = f.Version;
                    row.GroupId = f.GroupId;
                    row.ArtifactId = f.ArtifactId;
                    row.Vendor = f.Vendor;
                    row.Source = f.Source;
                    row.Path = path;
                    row.NestedPath = f.NestedPath;
                    row.Directory = directory;
                    yield return row;
                }
            }
        }
    }

    private IEnumerable<string> Archives(string dir, int depth, WalkBudget budget)
    {
        // /proc and /sys hold no archives but a great many entries: not entered.
        if (Context.Fs.IsOnPseudoFileSystem(dir))
        {
            yield break;
        }

        var entries = Context.Fs.ListEntries(dir, budget);
        foreach (var e in entries)
        {
            if (!e.IsDirectory && (e.Name.EndsWith(".jar", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".war", StringComparison.OrdinalIgnoreCase)
                || e.Name.EndsWith(".ear", StringComparison.OrdinalIgnoreCase)))
            {
                yield return Path.Join(dir, e.Name);
            }
        }

        if (depth >= MaxWalkDepth)
        {
            yield break;
        }

        // Directory symlinks are not followed: they lead to cycles and to trees already walked.
        foreach (var e in entries.Where(e => e.IsDirectory && !e.IsSymlink))
        {
            foreach (var archive in Archives(Path.Join(dir, e.Name), depth + 1, budget))
            {
                yield return archive;
            }
        }
    }

    /// <summary>Adds the rows of one archive and of the archives nested in it.</summary>
    private static void Read(Stream stream, string nestedPath, int nesting, List<JarEntry> found)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        Dictionary<string, string>? manifest = null;
        var poms = new List<Dictionary<string, string>>();
        var nested = new List<ZipArchiveEntry>();
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName;
            if (name.Equals("META-INF/MANIFEST.MF", StringComparison.OrdinalIgnoreCase))
            {
                manifest = JarMetadata.ParseManifest(ReadEntry(entry, MaxMetadataBytes));
            }
            else if (name.StartsWith("META-INF/maven/", StringComparison.Ordinal) && name.EndsWith("/pom.properties", StringComparison.Ordinal))
            {
                poms.Add(JarMetadata.ParseProperties(ReadEntry(entry, MaxMetadataBytes)));
            }
            else if (name.EndsWith(".jar", StringComparison.OrdinalIgnoreCase) && nesting < MaxNesting && entry.Length <= MaxNestedBytes)
            {
                nested.Add(entry);
            }
        }

        var vendor = manifest?.GetValueOrDefault("Implementation-Vendor") ?? manifest?.GetValueOrDefault("Bundle-Vendor") ?? "";
        foreach (var pom in poms)
        {
            var artifact = pom.GetValueOrDefault("artifactId", "");
            found.Add(new JarEntry(artifact, pom.GetValueOrDefault("version", ""), pom.GetValueOrDefault("groupId", ""), artifact, vendor, "pom.properties", nestedPath));
        }

        if (poms.Count == 0 && manifest is not null)
        {
            var name = manifest.GetValueOrDefault("Implementation-Title") ?? manifest.GetValueOrDefault("Bundle-SymbolicName") ?? manifest.GetValueOrDefault("Bundle-Name") ?? "";
            var version = manifest.GetValueOrDefault("Implementation-Version") ?? manifest.GetValueOrDefault("Bundle-Version") ?? "";
            found.Add(new JarEntry(name, version, "", "", vendor, "manifest", nestedPath));
        }

        foreach (var entry in nested)
        {
            var inner = nestedPath.Length == 0 ? entry.FullName : nestedPath + "!/" + entry.FullName;
            try
            {
                using var memory = new MemoryStream(ReadEntry(entry, (int)MaxNestedBytes));
                Read(memory, inner, nesting + 1, found);
            }
            catch (InvalidDataException)
            {
                // A nested entry named .jar that is not a zip: skip it, keep the outer archive's rows.
            }
        }
    }

    /// <summary>An entry's bytes, at most <paramref name="max"/> of them: the declared size is the archive's word, and
    /// a crafted one could inflate to far more.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, int max)
    {
        using var s = entry.Open();
        var buffer = new byte[(int)Math.Min(Math.Max(entry.Length, 0), max)];
        var n = s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return n == buffer.Length ? buffer : buffer[..n];
    }

    private sealed record JarEntry(string Name, string Version, string GroupId, string ArtifactId, string Vendor, string Source, string NestedPath);
}
