// SPDX-License-Identifier: Apache-2.0
using System.Runtime.CompilerServices;

namespace FarQuery.Sql;

/// <summary>A quick first test of whether a word of a statement may be one of a set of names, compared without case as
/// SQLite compares them: false means it is none of them, true that a lookup must tell. Most words of a statement are
/// keywords and columns; hashing each of them, without case, in two dictionaries was most of finding the names a
/// statement registers (docs/tracer.md, "The agent's start beside the app, sixth pass").</summary>
internal sealed class SqlNameFilter
{
    // Words longer than this share the last row of lengths.
    private const int Lengths = 32;

    // One bit per length, first character and last character: a word equal to a name without case has the name's
    // length, and an ASCII letter keeps its five low bits whatever its case. Other characters share bits with letters,
    // which only ever lets a word through to the lookup.
    private readonly uint[] bits;

    // A name starting or ending with a non-ASCII character: a word's characters may equal it without case in ways the
    // five bits do not follow, so every word goes to the lookup.
    private bool everyWord;

    /// <summary>An empty filter: it passes no word.</summary>
    public SqlNameFilter() => bits = new uint[Lengths * 32];

    private SqlNameFilter(SqlNameFilter other)
    {
        bits = (uint[])other.bits.Clone();
        everyWord = other.everyWord;
    }

    /// <summary>A copy, to add names to without changing this one.</summary>
    public SqlNameFilter Copy() => new(this);

    /// <summary>Lets the words equal to <paramref name="name"/> without case through.</summary>
    public void Add(string name)
    {
        if (name.Length == 0)
        {
            return;
        }

        if (name[0] >= 128 || name[^1] >= 128)
        {
            everyWord = true;
            return;
        }

        bits[Slot(name)] |= Bit(name);
    }

    /// <summary>False when <paramref name="word"/> equals none of the added names without case.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayHold(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return false;
        }

        // A non-ASCII character may equal an ASCII one without case (Unicode's simple case mapping), which the bits do
        // not follow: such a word goes to the lookup.
        if (everyWord || word[0] >= 128 || word[^1] >= 128)
        {
            return true;
        }

        return (bits[Slot(word)] & Bit(word)) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(ReadOnlySpan<char> word) => (Math.Min(word.Length, Lengths - 1) * 32) + (word[0] & 31);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Bit(ReadOnlySpan<char> word) => 1u << (word[^1] & 31);
}
