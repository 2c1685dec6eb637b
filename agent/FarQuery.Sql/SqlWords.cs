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

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c > '\u007f';
}
