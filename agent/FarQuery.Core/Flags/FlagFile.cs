// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core.Flags;

/// <summary>osquery's flagfile: one flag per line, <c>--name=value</c> or <c>--name value</c>, blank lines and lines
/// starting with <c>#</c> skipped, surrounding white space trimmed, values taken literally (no quotes are removed, as
/// osquery removes none).</summary>
public static class FlagFile
{
    /// <summary>Largest flagfile read: 1 MiB (Fleet's is under 2 KiB).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Parses a flagfile's text; <paramref name="name"/> names it in problems.</summary>
    public static FlagParseResult Parse(string text, string name)
    {
        var result = new FlagParseResult();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] != '-')
            {
                result.Problems.Add($"{name}:{number}: '{line}' is not a flag (one --name=value per line); ignored");
                continue;
            }

            var line1 = Parse(Tokens(line), $"{name}:{number}");
            result.Help |= line1.Help;
            result.Problems.AddRange(line1.Problems);
            foreach (var (flag, value) in line1.Values)
            {
                if (flag == FlagCatalog.Flagfile)
                {
                    // osquery reads one flagfile; a second would make precedence a guess.
                    result.Problems.Add($"{name}:{number}: a flagfile cannot name another flagfile; ignored");
                    continue;
                }

                result.Values[flag] = value;
            }
        }

        return result;
    }

    private static FlagParseResult Parse(string[] tokens, string origin) => FlagParser.Parse(tokens, origin, appFollows: false);

    /// <summary>One line's words: <c>--name=value</c> is one (the value may hold spaces); <c>--name value</c> two.</summary>
    private static string[] Tokens(string line)
    {
        var space = line.AsSpan().IndexOfAny(' ', '\t');
        var eq = line.IndexOf('=');
        if (space < 0 || (eq >= 0 && eq < space))
        {
            return [line];
        }

        return [line[..space], line[(space + 1)..].Trim()];
    }

    /// <summary>Reads a flagfile through the bounded reader (a FIFO or /dev/zero named here cannot hold up the app's
    /// start); null and <paramref name="error"/> when it cannot be read.</summary>
    public static string? TryRead(string path, out string error)
    {
        if (!BoundedFile.TryReadAll(path, FileKind.UserPath, MaxBytes, CancellationToken.None, out var bytes, out var refusal))
        {
            error = refusal;
            return null;
        }

        error = "";
        return Encoding.UTF8.GetString(bytes);
    }
}
