// SPDX-License-Identifier: Apache-2.0
using System.Buffers;

namespace FarQuery.Tables;

/// <summary>MD5, SHA-1 and SHA-256 of the regular files a query names (same path/directory rules as the file table).
/// Only the digests the query reads are computed, in one pass over the file. Files of any size are streamed in
/// <see cref="BoundedFile.ChunkSize"/> chunks (never buffered whole), checking the query's deadline before each chunk;
/// files on kernel pseudo file systems (/proc, /sys) keep their row with NULL digests and are not read.</summary>
public sealed partial class HashTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var wantMd5 = query.IsUsed(C.Md5);
        var wantSha1 = query.IsUsed(C.Sha1);
        var wantSha256 = query.IsUsed(C.Sha256);
        foreach (var target in FilePatterns.Expand(fs, query, C.Path, C.Directory, Schema.Name))
        {
            var real = fs.Resolve(target.Path);

            // Directories, devices and FIFOs have no content to hash (reading a FIFO would block): no row, as osquery.
            if (!File.Exists(real) || !IsRegular(real))
            {
                continue;
            }

            var row = NewRow();
            row.Path = target.Path;
            row.Directory = target.Directory;
            if (wantMd5 || wantSha1 || wantSha256)
            {
                // An unreadable file (EACCES, vanished) keeps its row with NULL digests.
                if (TryHash(fs, target.Path, wantMd5, wantSha1, wantSha256, query.Cancellation, out var md5, out var sha1, out var sha256))
                {
                    row.Md5 = md5;
                    row.Sha1 = sha1;
                    row.Sha256 = sha256;
                }
            }

            yield return row;
        }
    }

    private static bool IsRegular(string real) =>
        Interop.Libc.TryStatx(real, followSymlinks: true, out var st, out var errno)
            ? (st.stx_mode & Interop.Libc.S_IFMT) == Interop.Libc.S_IFREG
            : errno == Interop.Errno.ENOSYS;

    /// <summary>Streams the file once through every requested digest; lowercase hex like osquery's. False when the
    /// bounded open refuses it (not regular, a pseudo file system, unreadable) or a read fails.</summary>
    internal static bool TryHash(HostFileSystem fs, string path, bool md5, bool sha1, bool sha256, CancellationToken cancellation,
        out string? md5Hex, out string? sha1Hex, out string? sha256Hex)
    {
        md5Hex = sha1Hex = sha256Hex = null;
        using var file = fs.OpenUserFile(path, cancellation, out _);
        if (file is null)
        {
            return false;
        }

        using var m = md5 ? Digest.Md5() : null;
        using var s1 = sha1 ? Digest.Sha1() : null;
        using var s256 = sha256 ? Digest.Sha256() : null;
        var buffer = ArrayPool<byte>.Shared.Rent(BoundedFile.ChunkSize);
        try
        {
            while (true)
            {
                if (!file.TryRead(buffer.AsSpan(0, BoundedFile.ChunkSize), out var n, out _))
                {
                    return false;
                }

                if (n == 0)
                {
                    break;
                }

                m?.Append(buffer.AsSpan(0, n));
                s1?.Append(buffer.AsSpan(0, n));
                s256?.Append(buffer.AsSpan(0, n));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        md5Hex = m is null ? null : Convert.ToHexStringLower(m.Finish());
        sha1Hex = s1 is null ? null : Convert.ToHexStringLower(s1.Finish());
        sha256Hex = s256 is null ? null : Convert.ToHexStringLower(s256.Finish());
        return true;
    }
}
