// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;

namespace FarQuery.Rules;

/// <summary>Finds and reads rule files named by globs (<c>/etc/farquery/rules.d/*.yaml</c>). Every file goes through
/// Core's <see cref="BoundedFile"/>: opened non-blocking and checked to be a regular file on an ordinary file system, read
/// under a cap, so a FIFO, a device such as /dev/zero or a /proc file named by mistake is refused instead of wedging the
/// agent. A file that cannot be found, read or parsed is reported and skipped; the others still load.</summary>
public static class RuleFileReader
{
    /// <summary>Largest rules file read: 16 MiB, like a config file. Falco's stable file is about 60 KiB.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>The files matching the patterns, in pattern order and, within a pattern, in ordinal name order (the
    /// order Falco loads a rules directory in). Relative patterns resolve against <paramref name="baseDirectory"/>.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> patterns, string? baseDirectory, ICollection<string> warnings)
    {
        var files = new List<string>();
        foreach (var pattern in patterns)
        {
            var path = Path.IsPathRooted(pattern) || baseDirectory is null ? pattern : Path.GetFullPath(Path.Join(baseDirectory, pattern));
            var dir = Path.GetDirectoryName(path);
            var name = Path.GetFileName(path);
            if (dir is null || name.Length == 0)
            {
                warnings.Add($"falco_rules: '{pattern}' names no file");
                continue;
            }

            if (dir.IndexOfAny(['*', '?', '[']) >= 0)
            {
                warnings.Add($"falco_rules: '{pattern}': wildcards are allowed in the file name only");
                continue;
            }

            if (name.IndexOfAny(['*', '?']) < 0)
            {
                files.Add(path);
                continue;
            }

            var matches = Directory.Exists(dir) ? Directory.GetFiles(dir, name).Order(StringComparer.Ordinal).ToList() : [];
            if (matches.Count == 0)
            {
                warnings.Add($"falco_rules: '{pattern}' matches no file");
            }

            files.AddRange(matches.Where(m => !files.Contains(m)));
        }

        return files;
    }

    /// <summary>Reads and parses one file; an unreadable file becomes a file with one error diagnostic.</summary>
    public static RuleFile Read(string path, CancellationToken cancellation = default)
    {
        if (!BoundedFile.TryReadAll(path, FileKind.UserPath, MaxBytes, cancellation, out var bytes, out var refusal))
        {
            return new RuleFile(path, [], [new RuleDiagnostic(new SourcePosition(path, 0, 0), "cannot read the rules file: " + refusal, true)]);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new RuleFile(path, [], [new RuleDiagnostic(new SourcePosition(path, 0, 0), "the rules file is not UTF-8 text", true)]);
        }

        return RuleFileParser.Parse(text, path);
    }

    /// <summary>Expands the patterns, reads every file and compiles them layered in order.</summary>
    public static CompileReport Compile(IEnumerable<string> patterns, string? baseDirectory, ICollection<string> warnings, CancellationToken cancellation = default) =>
        RuleCompiler.Compile([.. Expand(patterns, baseDirectory, warnings).Select(f => Read(f, cancellation))]);
}
