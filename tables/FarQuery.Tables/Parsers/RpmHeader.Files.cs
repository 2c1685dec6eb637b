// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One file a package header lists.</summary>
/// <param name="Path">RPMTAG_DIRNAMES[RPMTAG_DIRINDEXES[i]] + RPMTAG_BASENAMES[i].</param>
/// <param name="User">RPMTAG_FILEUSERNAME.</param>
/// <param name="Group">RPMTAG_FILEGROUPNAME.</param>
/// <param name="Mode">RPMTAG_FILEMODES (st_mode, type bits included), null when missing.</param>
/// <param name="Size">RPMTAG_LONGFILESIZES or RPMTAG_FILESIZES, null when missing.</param>
/// <param name="Sha256">RPMTAG_FILEDIGESTS when RPMTAG_FILEDIGESTALGO is SHA-256, else empty.</param>
internal sealed record RpmFile(string Path, string User, string Group, int? Mode, long? Size, string Sha256);

/// <summary>The file list of a header (rpm's "compressed file names": a base name per file, an index into the
/// directory names).</summary>
internal sealed partial record RpmHeader
{
    private const int TagFileSizes = 1028;
    private const int TagFileModes = 1030;
    private const int TagFileDigests = 1035;
    private const int TagFileUserName = 1039;
    private const int TagFileGroupName = 1040;
    private const int TagDirIndexes = 1116;
    private const int TagBaseNames = 1117;
    private const int TagDirNames = 1118;
    private const int TagLongFileSizes = 5008;
    private const int TagFileDigestAlgo = 5011;

    private const int TypeInt16 = 3;

    // PGPHASHALGO_SHA256 (RFC 4880 §9.4); a header without RPMTAG_FILEDIGESTALGO uses MD5.
    private const long DigestSha256 = 8;

    /// <summary>The files of a header blob; empty when the blob does not parse or lists no files. A file whose
    /// directory index is out of range is skipped; a missing or short per-file array reads as NULL or empty.</summary>
    public static List<RpmFile> ParseFiles(ReadOnlySpan<byte> blob)
    {
        var files = new List<RpmFile>();
        if (!TrySplit(blob, out var index, out var data))
        {
            return files;
        }

        var bases = Strings(index, data, TagBaseNames);
        var dirs = Strings(index, data, TagDirNames);
        var dirIndexes = Integers(index, data, TagDirIndexes);
        var users = Strings(index, data, TagFileUserName);
        var groups = Strings(index, data, TagFileGroupName);
        var modes = Integers(index, data, TagFileModes);
        var sizes = Integers(index, data, TagLongFileSizes) is { Count: > 0 } longSizes ? longSizes : Integers(index, data, TagFileSizes);
        var digests = Strings(index, data, TagFileDigests);
        var sha256 = Integer(index, data, TagFileDigestAlgo) == DigestSha256;
        for (var i = 0; i < bases.Count && i < dirIndexes.Count; i++)
        {
            if (dirIndexes[i] < 0 || dirIndexes[i] >= dirs.Count)
            {
                continue;
            }

            files.Add(new RpmFile(
                dirs[(int)dirIndexes[i]] + bases[i],
                At(users, i) ?? "",
                At(groups, i) ?? "",
                i < modes.Count ? (int)modes[i] : null,
                i < sizes.Count ? sizes[i] : null,
                sha256 ? At(digests, i) ?? "" : ""));
        }

        return files;
    }

    private static string? At(List<string> list, int i) => i < list.Count ? list[i] : null;

    /// <summary>The strings of a string-array entry; empty when the entry is missing, of another type, or runs off
    /// the data store before its count is reached.</summary>
    private static List<string> Strings(ReadOnlySpan<byte> index, ReadOnlySpan<byte> data, int tag)
    {
        var list = new List<string>();
        if (!Find(index, tag, out var type, out var offset, out var count) || type != TypeStringArray || offset < 0 || offset > data.Length)
        {
            return list;
        }

        var rest = data[offset..];
        for (var i = 0; i < count; i++)
        {
            var end = rest.IndexOf((byte)0);
            if (end < 0)
            {
                return [];
            }

            list.Add(Encoding.UTF8.GetString(rest[..end]));
            rest = rest[(end + 1)..];
        }

        return list;
    }

    /// <summary>The values of an int16 (unsigned, as rpm stores modes), int32 (unsigned) or int64 array entry; empty
    /// when missing or when the array does not fit the data store.</summary>
    private static List<long> Integers(ReadOnlySpan<byte> index, ReadOnlySpan<byte> data, int tag)
    {
        var list = new List<long>();
        if (!Find(index, tag, out var type, out var offset, out var count) || offset < 0 || count < 0)
        {
            return list;
        }

        var width = type switch { TypeInt16 => 2, TypeInt32 => 4, TypeInt64 => 8, _ => 0 };
        if (width == 0 || offset + ((long)width * count) > data.Length)
        {
            return list;
        }

        for (var i = 0; i < count; i++)
        {
            var at = data[(offset + (width * i))..];
            list.Add(width switch
            {
                2 => BinaryPrimitives.ReadUInt16BigEndian(at),
                4 => BinaryPrimitives.ReadUInt32BigEndian(at),
                _ => BinaryPrimitives.ReadInt64BigEndian(at),
            });
        }

        return list;
    }
}
