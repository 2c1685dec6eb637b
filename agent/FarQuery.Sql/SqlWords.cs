// SPDX-License-Identifier: Apache-2.0
using System.Runtime.CompilerServices;
using System.Text;

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
        var text = sql.AsSpan();
        if (word.Length > 0 && char.IsAsciiLetter(word[0]) && IsIdentifier(word) && Ascii.IsValid(text))
        {
            // ASCII text: where the word's first letter is, in either case, then whether the word stands alone there.
            // Both searches are vectorized, where going word by word cost a megainstruction of the agent's start for
            // the hardware-events test alone (docs/tracer.md, "The agent's start beside the app, sixth pass"); a
            // case-insensitive IndexOf compares character by character in the NativeAOT build. Without non-ASCII
            // characters, comparing without case is ASCII's, so the same occurrences count as word by word.
            var first = (char)(word[0] | 0x20);
            for (var from = 0; ;)
            {
                var found = text[from..].IndexOfAny(first, (char)(first & ~0x20));
                if (found < 0)
                {
                    return false;
                }

                // Most of the letter's places are inside other words: the character before is tested first.
                var at = from + found;
                var end = at + word.Length;
                if ((at == 0 || !IsIdentifierChar(text[at - 1])) && end <= text.Length
                    && (end == text.Length || !IsIdentifierChar(text[end])) && text[at..end].Equals(word, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                from = at + 1;
            }
        }

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
        // A table lookup per character in one loop: a call per character (and a generic searcher, which the NativeAOT
        // baseline instruction set does not vectorize) cost the agent's start 35 to 55 instructions per character of
        // its 54 queries (docs/tracer.md, "The start path").
        var i = at;
        while (i < sql.Length && !IsIdentifierChar(sql[i]))
        {
            i++;
        }

        var start = i;
        while (i < sql.Length && IsIdentifierChar(sql[i]))
        {
            i++;
        }

        at = i;
        word = sql.AsSpan(start, i - start);
        return i > start;
    }

    private static bool IsIdentifier(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!IsIdentifierChar(c))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsIdentifierChar(char c) => c >= 128 || Identifier[c] != 0;

    // 1 for the ASCII characters an identifier may hold (letters, digits, '_' and '$'); the data is part of the image.
    private static ReadOnlySpan<byte> Identifier =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    ];
}
