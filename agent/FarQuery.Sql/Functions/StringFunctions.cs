// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;

namespace FarQuery.Sql.Functions;

/// <summary>osquery's string functions: <c>split</c>, <c>regex_split</c>, <c>regex_match</c>, <c>concat</c>,
/// <c>concat_ws</c> (docs/osquery-compat.md, "SQL functions").</summary>
internal static class StringFunctions
{
    /// <summary>The longest pattern <c>regex_match</c> and <c>regex_split</c> accept, in bytes (osquery's
    /// <c>--regex_max_size</c> default).</summary>
    public const int MaxRegexBytes = 256;

    // A pattern that backtracks without end stops here instead of holding the shared connection.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary><c>split(text, tokens, index)</c>: the index-th piece of the text cut at any of the token characters,
    /// empty pieces dropped and each piece trimmed of white space; NULL past the last piece or for a NULL argument;
    /// an error for empty tokens.</summary>
    public static string? Split(string? text, string? tokens, long? index)
    {
        if (text is null || tokens is null || index is not { } i)
        {
            return null;
        }

        if (tokens.Length == 0)
        {
            throw new SqlQueryException("Invalid input to split function");
        }

        var pieces = text.Split(tokens.ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        return i >= 0 && i < pieces.Length ? pieces[i].Trim(CWhiteSpace) : null;
    }

    /// <summary><c>regex_split(text, pattern, index)</c>: the index-th piece of the text cut at each match of the
    /// pattern. Pieces between matches stay even when empty (a leading separator gives an empty first piece); an empty
    /// piece after the last match is dropped. NULL past the last piece or for a NULL argument; an error for an empty,
    /// invalid or too long pattern.</summary>
    public static string? RegexSplit(string? text, string? pattern, long? index)
    {
        if (text is null || pattern is null || index is not { } i)
        {
            return null;
        }

        if (pattern.Length == 0)
        {
            throw new SqlQueryException("Invalid input to split function");
        }

        var regex = Compile(pattern, "Invalid regex");
        var pieces = new List<string>();
        var at = 0;
        try
        {
            for (var m = regex.Match(text); m.Success; m = m.NextMatch())
            {
                pieces.Add(text[at..m.Index]);
                at = m.Index + m.Length;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw new SqlQueryException("Invalid regex: the match took too long");
        }

        if (at < text.Length)
        {
            pieces.Add(text[at..]);
        }

        return i >= 0 && i < pieces.Count ? pieces[(int)i] : null;
    }

    /// <summary><c>regex_match(text, pattern, index)</c>: the index-th group of the first match (0 is the whole match;
    /// a group that took no part is empty), NULL without a match, past the last group or for a NULL argument; an error
    /// for an invalid or too long pattern.</summary>
    public static string? RegexMatch(string? text, string? pattern, long? index)
    {
        if (text is null || pattern is null || index is not { } i)
        {
            return null;
        }

        if (Encoding.UTF8.GetByteCount(pattern) > MaxRegexBytes)
        {
            throw new SqlQueryException($"Invalid regex: too big, max size is {MaxRegexBytes} bytes");
        }

        var regex = Compile(pattern, "Invalid regex");
        try
        {
            var m = regex.Match(text);
            return m.Success && i >= 0 && i < m.Groups.Count ? m.Groups[(int)i].Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            throw new SqlQueryException("Invalid regex: the match took too long");
        }
    }

    /// <summary><c>concat(a, b, ...)</c>: the arguments' text joined, NULLs skipped; NULL with no argument.</summary>
    public static object? Concat(object?[] args) => args.Length == 0 ? null : Join([], args, 0);

    /// <summary><c>concat_ws(separator, a, b, ...)</c>: the arguments' text joined, NULLs skipped. As osquery does, the
    /// separator follows every non-NULL argument that is not the last argument, so a NULL last argument leaves a
    /// trailing separator; a NULL separator is empty. An error without arguments.</summary>
    public static object? ConcatWs(object?[] args)
    {
        if (args.Length == 0)
        {
            throw new SqlQueryException("Missing separator to concat_ws");
        }

        return args.Length == 1 ? null : Join(SqlValue.Bytes(args[0]), args, 1);
    }

    private static object Join(byte[] separator, object?[] args, int first)
    {
        var output = new List<byte>();
        for (var i = first; i < args.Length; i++)
        {
            if (SqlValue.IsNull(args[i]))
            {
                continue;
            }

            output.AddRange(SqlValue.Bytes(args[i]));
            if (separator.Length > 0 && i + 1 < args.Length)
            {
                output.AddRange(separator);
            }
        }

        return SqlValue.Result([.. output]);
    }

    private static Regex Compile(string pattern, string message)
    {
        if (Encoding.UTF8.GetByteCount(pattern) > MaxRegexBytes)
        {
            throw new SqlQueryException(message);
        }

        try
        {
            // ECMAScript: osquery's patterns are std::regex's ECMAScript grammar, where \w and \d are ASCII.
            return new Regex(pattern, RegexOptions.ECMAScript, MatchTimeout);
        }
        catch (ArgumentException)
        {
            throw new SqlQueryException(message);
        }
    }

    // The characters C's isspace() accepts, which osquery trims from split's pieces.
    private static readonly char[] CWhiteSpace = [' ', '\t', '\n', '\v', '\f', '\r'];
}
