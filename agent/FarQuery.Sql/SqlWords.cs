// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Sql;

/// <summary>Word tests on SQL text, as SQLite's tokenizer splits it.</summary>
public static class SqlWords
{
    /// <summary>True when <paramref name="word"/> (ASCII, compared without case, as SQLite compares names) occurs in
    /// <paramref name="sql"/> as a whole token: not preceded or followed by a character that SQLite lets an identifier
    /// go on with (letters, digits, <c>_</c>, <c>$</c> and every non-ASCII character). A name in quotes, brackets or
    /// backticks counts; so does one inside a string literal or a comment, which only ever errs towards a match.</summary>
    public static bool Mentions(string sql, string word)
    {
        // Word by word rather than a case-insensitive IndexOf, which with invariant globalization compares character by
        // character and was most of the agent's start (docs/tracer.md, "The start path").
        for (var at = 0; Next(sql, ref at, out var found);)
        {
            if (found.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every word of <paramref name="sql"/>: each longest run of characters an identifier may hold, compared
    /// without case. A word <see cref="Mentions"/> finds is in this set, and the other way round.</summary>
    public static HashSet<string> Words(string sql)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var at = 0; Next(sql, ref at, out var word);)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>The next word of <paramref name="sql"/> at or after <paramref name="at"/>, which moves past it; false at
    /// the end. Allocates nothing, so a statement's names can be looked up without building its word set.</summary>
    public static bool Next(string sql, ref int at, out ReadOnlySpan<char> word)
    {
        while (at < sql.Length && !IsIdentifierChar(sql[at]))
        {
            at++;
        }

        var start = at;
        while (at < sql.Length && IsIdentifierChar(sql[at]))
        {
            at++;
        }

        word = sql.AsSpan(start, at - start);
        return word.Length > 0;
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c > '\u007f';
}
