// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One logical line of a sudoers file (man 5 sudoers), split the way osquery's <c>sudoers</c> table shows it:
/// the first blank-separated token is the header ("Defaults", "root", "%sudo", "User_Alias", "@includedir"...) and the
/// rest, trimmed, the rule details. A full EBNF parse is not needed for that shape.</summary>
/// <param name="Header">The leading token.</param>
/// <param name="Details">The rest of the line; for an include directive, the path as written.</param>
internal sealed record SudoersLine(string Header, string Details)
{
    /// <summary>sudoers(5) blanks: space, tab and vertical tab.</summary>
    private static readonly char[] Blanks = [' ', '\t', '\v'];

    /// <summary>Blanks and the '\r' of a CRLF line end, trimmed from both ends of a line.</summary>
    private static readonly char[] LineTrim = [' ', '\t', '\v', '\r'];

    /// <summary>An <c>#include</c>/<c>@include</c> directive: read one more file.</summary>
    public bool IsInclude => Header is "#include" or "@include";

    /// <summary>An <c>#includedir</c>/<c>@includedir</c> directive: read the files of a directory.</summary>
    public bool IsIncludeDir => Header is "#includedir" or "@includedir";

    /// <summary>The rule lines and include directives of one file, in order. Blank lines and '#' comments are skipped
    /// (an include directive with no path counts as a comment); a line ending in '\' continues on the next non-blank
    /// line, whose trimmed text replaces the backslash (osquery's joining, which adds no blank).</summary>
    public static List<SudoersLine> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<SudoersLine>();
        var continued = false;
        foreach (var raw in Encoding.UTF8.GetString(text).Split('\n'))
        {
            var line = raw.Trim(LineTrim);
            if (line.Length == 0)
            {
                continue;
            }

            if (continued)
            {
                continued = line[^1] == '\\';
                var last = list[^1];
                list[^1] = last.Details.Length == 0
                    ? last with { Header = last.Header[..^1], Details = line }
                    : last with { Details = last.Details[..^1] + line };
                continue;
            }

            var cut = line.AsSpan().IndexOfAny(Blanks);
            var entry = cut < 0 ? new SudoersLine(line, "") : new SudoersLine(line[..cut], line[cut..].Trim(Blanks));
            var include = entry.IsInclude || entry.IsIncludeDir;
            if ((line[0] == '#' && !include) || (include && entry.Details.Length == 0))
            {
                continue;
            }

            continued = !include && line[^1] == '\\';
            list.Add(entry);
        }

        return list;
    }
}
