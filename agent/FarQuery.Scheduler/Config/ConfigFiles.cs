// SPDX-License-Identifier: Apache-2.0
using System.Reflection;

namespace FarQuery.Scheduler.Config;

/// <summary>Where pack files named by a config are read from: the file system, or the default config and packs
/// embedded in the binary (so <c>farquery run</c> detects out of the box in an image that has none of our files).</summary>
public abstract class ConfigFiles
{
    /// <summary>The file system.</summary>
    public static ConfigFiles Disk { get; } = new DiskFiles();

    /// <summary>Reads a whole file; throws IOException when missing, not a regular file or over
    /// <see cref="BoundedFile.ConfigMaxBytes"/>.</summary>
    public abstract string ReadAllText(string path);

    /// <summary>Files of a directory matching a simple glob (<c>*</c>, <c>*.conf</c>), sorted.</summary>
    public abstract IEnumerable<string> List(string directory, string pattern);

    private sealed class DiskFiles : ConfigFiles
    {
        public override string ReadAllText(string path) => BoundedFile.ReadAllText(path);

        public override IEnumerable<string> List(string directory, string pattern) =>
            Directory.Exists(directory) ? Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal) : [];
    }
}

/// <summary>The file system, except paths under <c>/embedded/</c>, which name the packs built into the binary: a
/// config on disk can then use the bundled detections by reference (<c>"/embedded/packs/farquery-detections.json"</c>).</summary>
public sealed class DiskWithEmbeddedConfigFiles(Assembly assembly) : ConfigFiles
{
    private readonly EmbeddedConfigFiles embedded = new(assembly);

    /// <inheritdoc/>
    public override string ReadAllText(string path) => IsEmbedded(path) ? embedded.ReadAllText(path) : Disk.ReadAllText(path);

    /// <inheritdoc/>
    public override IEnumerable<string> List(string directory, string pattern) => IsEmbedded(directory) ? embedded.List(directory, pattern) : Disk.List(directory, pattern);

    private static bool IsEmbedded(string path) => path.StartsWith(EmbeddedConfigFiles.Root + "/", StringComparison.Ordinal);
}

/// <summary>Files embedded as resources under a logical prefix (<c>packs/…</c>, <c>queries/…</c>), addressed as
/// <c>/embedded/packs/…</c>.</summary>
public sealed class EmbeddedConfigFiles(Assembly assembly) : ConfigFiles
{
    /// <summary>The pseudo-directory embedded files live under.</summary>
    public const string Root = "/embedded";

    /// <inheritdoc/>
    public override string ReadAllText(string path)
    {
        var name = Name(path);
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new FileNotFoundException("not embedded: " + name);

        // The resource's length is known: one buffer and one decoding, rather than a reader growing a builder block by
        // block, which showed in the profile of the agent's start (docs/tracer.md, "The start path").
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes.AsSpan(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0));
    }

    /// <inheritdoc/>
    public override IEnumerable<string> List(string directory, string pattern)
    {
        var prefix = Name(directory).TrimEnd('/') + "/";
        var suffix = pattern.StartsWith('*') ? pattern[1..] : pattern;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal) && !n[prefix.Length..].Contains('/', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Root + "/" + n);
    }

    private static string Name(string path) => path.StartsWith(Root + "/", StringComparison.Ordinal) ? path[(Root.Length + 1)..] : path.TrimStart('/');
}
