// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>The options of an ssh_config file (man 5 ssh_config) in osquery's shape: each trimmed, lower-cased
/// non-comment line is an option, attributed to the last "host " or "match " line above it (the block).</summary>
/// <param name="Block">The block line, or empty before the first block.</param>
/// <param name="Option">The option line.</param>
internal sealed record SshConfigLine(string Block, string Option)
{
    /// <summary>Every option in file order; blank lines and '#' comments are skipped, block lines give no option.</summary>
    public static List<SshConfigLine> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<SshConfigLine>();
        var block = "";
        foreach (var raw in Encoding.UTF8.GetString(text).Split('\n'))
        {
            var line = raw.Trim().ToLowerInvariant();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // Only a blank after the keyword starts a block, as osquery matches it ("host\tx" stays an option).
            if (line.StartsWith("host ", StringComparison.Ordinal) || line.StartsWith("match ", StringComparison.Ordinal))
            {
                block = line;
            }
            else
            {
                list.Add(new SshConfigLine(block, line));
            }
        }

        return list;
    }
}
