// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>The shared shape of /etc/hosts, /etc/services, resolv.conf and crontabs: lines, '#' comments, fields
/// separated by blanks.</summary>
internal static class ConfigLines
{
    /// <summary>Each non-blank line split at its first '#': the fields before it and the comment text after it.
    /// Invalid UTF-8 decodes with replacement characters, so a damaged file still yields its readable lines.</summary>
    public static IEnumerable<(string[] Fields, string Comment)> Parse(byte[] text, bool comments = true)
    {
        foreach (var raw in Encoding.UTF8.GetString(text).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var comment = "";
            var hash = comments ? line.IndexOf('#') : -1;
            if (hash >= 0)
            {
                comment = line[(hash + 1)..].Trim();
                line = line[..hash];
            }

            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0)
            {
                yield return (fields, comment);
            }
        }
    }
}
