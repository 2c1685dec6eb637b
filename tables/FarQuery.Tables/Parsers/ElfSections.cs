// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>Just enough of ELF (man 5 elf) to find a section by name: the section header table's place from the ELF
/// header, then a walk of the table against the section-name string table. 32- and 64-bit, either byte order.</summary>
internal readonly record struct ElfSections(bool Is64, bool BigEndian, long TableOffset, int EntrySize, int Count, int NamesIndex)
{
    /// <summary>The ELF header's description of the section table; false for a file that is not ELF or is cut short.
    /// <see cref="Count"/> is 0 for a stripped-of-sections (sstrip) binary.</summary>
    public static bool TryRead(ReadOnlySpan<byte> header, out ElfSections elf)
    {
        elf = default;
        if (header.Length < 52 || !header.StartsWith("\x7f"u8 + "ELF"u8) || header[4] is not (1 or 2) || header[5] is not (1 or 2))
        {
            return false;
        }

        var is64 = header[4] == 2;
        var big = header[5] == 2;
        if (is64 && header.Length < 64)
        {
            return false;
        }

        elf = is64
            ? new ElfSections(true, big, (long)U64(header[0x28..], big), U16(header[0x3A..], big), U16(header[0x3C..], big), U16(header[0x3E..], big))
            : new ElfSections(false, big, U32(header[0x20..], big), U16(header[0x2E..], big), U16(header[0x30..], big), U16(header[0x32..], big));
        return elf.TableOffset >= 0 && elf.EntrySize >= (is64 ? 64 : 40);
    }

    /// <summary>Bytes of the section table (<see cref="Count"/> × <see cref="EntrySize"/> at <see cref="TableOffset"/>).</summary>
    public long TableLength => (long)Count * EntrySize;

    /// <summary>File offset and size of section <paramref name="index"/>; false when the table is too short.</summary>
    public bool TrySection(ReadOnlySpan<byte> table, int index, out long offset, out long size, out uint nameOffset)
    {
        offset = size = 0;
        nameOffset = 0;
        var start = (long)index * EntrySize;
        if (index < 0 || start + (Is64 ? 64 : 40) > table.Length)
        {
            return false;
        }

        var e = table[(int)start..];
        nameOffset = U32(e, BigEndian);
        offset = Is64 ? (long)U64(e[0x18..], BigEndian) : U32(e[0x10..], BigEndian);
        size = Is64 ? (long)U64(e[0x20..], BigEndian) : U32(e[0x14..], BigEndian);
        return offset >= 0 && size >= 0;
    }

    /// <summary>The section named <paramref name="name"/>, looked up through the section-name table's bytes.</summary>
    public bool TryFind(ReadOnlySpan<byte> table, ReadOnlySpan<byte> names, ReadOnlySpan<byte> name, out long offset, out long size)
    {
        for (var i = 0; i < Count; i++)
        {
            if (TrySection(table, i, out offset, out size, out var nameAt) && nameAt < names.Length)
            {
                var rest = names[(int)nameAt..];
                var end = rest.IndexOf((byte)0);
                if (end >= 0 && rest[..end].SequenceEqual(name))
                {
                    return true;
                }
            }
        }

        offset = size = 0;
        return false;
    }

    private static ushort U16(ReadOnlySpan<byte> b, bool big) => big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private static uint U32(ReadOnlySpan<byte> b, bool big) => big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private static ulong U64(ReadOnlySpan<byte> b, bool big) => big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);
}
