// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Sql.Functions;

/// <summary>osquery's <c>parent_directory</c>, <c>find_file_path_in_cmd</c> and <c>is_path_deterministic</c>
/// (docs/osquery-compat.md, "SQL functions"). The two command-line functions test candidate paths with a predicate
/// the host supplies (does a file that is not a directory exist there), so the logic stays testable.</summary>
internal static class FilesystemFunctions
{
    /// <summary><c>parent_directory(path)</c>: the path up to its last <c>/</c> (so <c>'/usr'</c> gives an empty string),
    /// NULL without a <c>/</c>; an error for anything but text, NULL included, as osquery.</summary>
    public static string? ParentDirectory(object? path)
    {
        if (path is not string p)
        {
            throw new SqlQueryException("Invalid inputs to parent_directory, TEXT was expected");
        }

        // osquery reads a C string: a NUL ends it.
        var nul = p.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            p = p[..nul];
        }

        var slash = p.LastIndexOf('/');
        return slash < 0 ? null : p[..slash];
    }

    /// <summary><c>find_file_path_in_cmd(command[, allow_quoting[, escape]])</c>: the shortest leading part of a
    /// command line, cut at unquoted white space, that names an existing file which is not a directory; empty when
    /// none does. <paramref name="args"/> are the SQL arguments; any NULL, no argument or an escape that is not one
    /// character is an error.</summary>
    public static string FindFilePathInCommand(object?[] args, Func<string, bool> isFile) =>
        Find(args, isFile, shortest: true) ?? throw new SqlQueryException("Invalid inputs to find_binary_path_from_cmd");

    /// <summary><c>is_path_deterministic(command[, allow_quoting[, escape]])</c>: 1 when the command line names at most
    /// one existing file (its shortest and longest existing leading parts agree, or none exists), else 0.</summary>
    public static long IsPathDeterministic(object?[] args, Func<string, bool> isFile)
    {
        var shortest = Find(args, isFile, shortest: true);
        if (shortest is not null)
        {
            var full = Encoding.UTF8.GetByteCount(SqlValue.String(args[0])!);
            var length = Encoding.UTF8.GetByteCount(shortest);
            if (length == 0 || length == full)
            {
                return 1;
            }

            var longest = Find(args, isFile, shortest: false);
            if (longest is not null)
            {
                return length == Encoding.UTF8.GetByteCount(longest) ? 1 : 0;
            }
        }

        throw new SqlQueryException("Invalid inputs to is_path_deterministic");
    }

    private static string? Find(object?[] args, Func<string, bool> isFile, bool shortest)
    {
        if (args.Length == 0 || args.Any(SqlValue.IsNull))
        {
            return null;
        }

        var command = SqlValue.String(args[0])!;
        var allowQuoting = args.Length > 1 && SqlValue.ToInteger(args[1]) != 0;
        var escape = '\\';
        if (args.Length > 2)
        {
            var e = SqlValue.String(args[2])!;
            if (Encoding.UTF8.GetByteCount(e) != 1)
            {
                return null;
            }

            escape = e[0];
        }

        var pos = 0;
        while (pos < command.Length && IsSpace(command[pos]))
        {
            pos++;
        }

        var result = "";
        var candidate = new StringBuilder();
        bool quoted = false, escaped = false;
        for (; pos < command.Length; pos++)
        {
            var c = command[pos];
            if (escaped)
            {
                candidate.Append(c);
                escaped = false;
                continue;
            }

            if (allowQuoting && c == '"')
            {
                quoted = !quoted;
                continue;
            }

            if (c == escape)
            {
                escaped = true;
                continue;
            }

            if (!quoted && IsSpace(c) && isFile(candidate.ToString()))
            {
                result = candidate.ToString();
                if (shortest)
                {
                    break;
                }
            }

            candidate.Append(c);
        }

        if ((result.Length == 0 || !shortest) && isFile(candidate.ToString()))
        {
            result = candidate.ToString();
        }

        return result;
    }

    // C's isspace in the C locale.
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}
