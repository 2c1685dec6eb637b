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
        for (var at = sql.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = sql.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !IsIdentifierChar(sql[at - 1])) && (end == sql.Length || !IsIdentifierChar(sql[end])))
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
        for (var at = 0; at < sql.Length;)
        {
            if (!IsIdentifierChar(sql[at]))
            {
                at++;
                continue;
            }

            var end = at + 1;
            while (end < sql.Length && IsIdentifierChar(sql[end]))
            {
                end++;
            }

            words.Add(sql[at..end]);
            at = end;
        }

        return words;
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c > '\u007f';
}
