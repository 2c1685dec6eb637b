// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>The package fields FarQuery reads from one RPM header, as the rpmdb stores it (a header without the
/// 8-byte magic: big-endian index count, data length, then 16-byte index entries tag/type/offset/count and the data
/// store).</summary>
/// <param name="Name">RPMTAG_NAME.</param>
/// <param name="Version">RPMTAG_VERSION.</param>
/// <param name="Release">RPMTAG_RELEASE.</param>
/// <param name="Epoch">RPMTAG_EPOCH, null when the package has none.</param>
/// <param name="Arch">RPMTAG_ARCH.</param>
/// <param name="Size">RPMTAG_LONGSIZE or RPMTAG_SIZE: installed size in bytes.</param>
/// <param name="InstallTime">RPMTAG_INSTALLTIME, seconds since the epoch.</param>
/// <param name="Vendor">RPMTAG_VENDOR.</param>
/// <param name="Group">RPMTAG_GROUP (first of its i18n strings).</param>
/// <param name="SourceRpm">RPMTAG_SOURCERPM.</param>
/// <param name="Sha1">RPMTAG_SHA1HEADER: hex SHA-1 of the immutable header region.</param>
internal sealed partial record RpmHeader(string Name, string Version, string Release, long? Epoch, string Arch, long? Size,
    long? InstallTime, string Vendor, string Group, string SourceRpm, string Sha1)
{
    private const int TagSha1Header = 269;
    private const int TagName = 1000;
    private const int TagVersion = 1001;
    private const int TagRelease = 1002;
    private const int TagEpoch = 1003;
    private const int TagInstallTime = 1008;
    private const int TagSize = 1009;
    private const int TagVendor = 1011;
    private const int TagGroup = 1016;
    private const int TagArch = 1022;
    private const int TagSourceRpm = 1044;
    private const int TagLongSize = 5009;

    private const int TypeInt32 = 4;
    private const int TypeInt64 = 5;
    private const int TypeString = 6;
    private const int TypeStringArray = 8;
    private const int TypeI18nString = 9;

    /// <summary>Reads a header blob; false when it is too short, its counts do not fit the blob, or it has no name.
    /// An entry whose offset or type is wrong reads as missing (NULL or empty), the rest of the header still counts.</summary>
    public static bool TryParse(ReadOnlySpan<byte> blob, out RpmHeader header)
    {
        header = null!;
        if (!TrySplit(blob, out var index, out var data))
        {
            return false;
        }

        var name = Text(index, data, TagName);
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        header = new RpmHeader(
            name,
            Text(index, data, TagVersion) ?? "",
            Text(index, data, TagRelease) ?? "",
            Integer(index, data, TagEpoch),
            Text(index, data, TagArch) ?? "",
            Integer(index, data, TagLongSize) ?? Integer(index, data, TagSize),
            Integer(index, data, TagInstallTime),
            Text(index, data, TagVendor) ?? "",
            Text(index, data, TagGroup) ?? "",
            Text(index, data, TagSourceRpm) ?? "",
            Text(index, data, TagSha1Header) ?? "");
        return true;
    }

    /// <summary>The index entries and the data store of a blob; false when it is too short or its counts do not fit.</summary>
    private static bool TrySplit(ReadOnlySpan<byte> blob, out ReadOnlySpan<byte> index, out ReadOnlySpan<byte> data)
    {
        index = data = default;
        if (blob.Length < 8)
        {
            return false;
        }

        var il = BinaryPrimitives.ReadInt32BigEndian(blob);
        var dl = BinaryPrimitives.ReadInt32BigEndian(blob[4..]);
        if (il <= 0 || dl < 0 || il > (blob.Length - 8) / 16 || 8L + (16L * il) + dl > blob.Length)
        {
            return false;
        }

        index = blob.Slice(8, 16 * il);
        data = blob.Slice(8 + (16 * il), dl);
        return true;
    }

    /// <summary>The index entry for a tag: its type, offset into the data store and count.</summary>
    private static bool Find(ReadOnlySpan<byte> index, int tag, out int type, out int offset, out int count)
    {
        for (var i = 0; i + 16 <= index.Length; i += 16)
        {
            if (BinaryPrimitives.ReadInt32BigEndian(index[i..]) == tag)
            {
                type = BinaryPrimitives.ReadInt32BigEndian(index[(i + 4)..]);
                offset = BinaryPrimitives.ReadInt32BigEndian(index[(i + 8)..]);
                count = BinaryPrimitives.ReadInt32BigEndian(index[(i + 12)..]);
                return true;
            }
        }

        type = offset = count = 0;
        return false;
    }

    private static string? Text(ReadOnlySpan<byte> index, ReadOnlySpan<byte> data, int tag)
    {
        if (!Find(index, tag, out var type, out var offset, out _) || type is not (TypeString or TypeStringArray or TypeI18nString)
            || offset < 0 || offset >= data.Length)
        {
            return null;
        }

        var rest = data[offset..];
        var end = rest.IndexOf((byte)0);

        // A string that runs off the end of the store is damaged; reading up to the end would invent a value.
        return end < 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }

    private static long? Integer(ReadOnlySpan<byte> index, ReadOnlySpan<byte> data, int tag)
    {
        if (!Find(index, tag, out var type, out var offset, out var count) || count < 1 || offset < 0)
        {
            return null;
        }

        return type switch
        {
            TypeInt32 when offset + 4 <= data.Length => (long)BinaryPrimitives.ReadUInt32BigEndian(data[offset..]),
            TypeInt64 when offset + 8 <= data.Length => BinaryPrimitives.ReadInt64BigEndian(data[offset..]),
            _ => null,
        };
    }
}
