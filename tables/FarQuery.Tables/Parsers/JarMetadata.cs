// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>The two metadata files a JAR carries: META-INF/MANIFEST.MF (JAR File Specification: "Name: value" lines,
/// a continuation line starts with one space and is joined without it) and Maven's
/// META-INF/maven/&lt;group&gt;/&lt;artifact&gt;/pom.properties (Java properties: key=value, # comments).</summary>
internal static class JarMetadata
{
    /// <summary>The main section of a manifest (up to the first blank line). Names compare case-insensitively, as the
    /// specification says; a line without ": " is skipped.</summary>
    public static Dictionary<string, string> ParseManifest(ReadOnlySpan<byte> text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range].TrimEnd((byte)'\r');
            if (line.IsEmpty)
            {
                break;
            }

            if (line[0] == (byte)' ')
            {
                if (last is not null)
                {
                    fields[last] += Encoding.UTF8.GetString(line[1..]);
                }

                continue;
            }

            var sep = line.IndexOf(": "u8);
            if (sep <= 0)
            {
                last = null;
                continue;
            }

            last = Encoding.UTF8.GetString(line[..sep]);
            fields[last] = Encoding.UTF8.GetString(line[(sep + 2)..]);
        }

        return fields;
    }

    /// <summary>A properties file's key=value (or key: value) pairs; comments and lines without a separator are skipped.</summary>
    public static Dictionary<string, string> ParseProperties(ReadOnlySpan<byte> text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range].Trim(" \t\r"u8);
            if (line.IsEmpty || line[0] is (byte)'#' or (byte)'!')
            {
                continue;
            }

            var sep = line.IndexOfAny((byte)'=', (byte)':');
            if (sep <= 0)
            {
                continue;
            }

            fields.TryAdd(Encoding.UTF8.GetString(line[..sep].Trim(" \t"u8)), Encoding.UTF8.GetString(line[(sep + 1)..].Trim(" \t"u8)));
        }

        return fields;
    }
}
