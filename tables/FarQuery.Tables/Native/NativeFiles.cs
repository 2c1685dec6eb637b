// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>How the native tables read the container's files: only through the bounded open of the file-system seam
/// (regular files of ordinary file systems; docs/tables-and-paths.md).</summary>
internal static class NativeFiles
{
    /// <summary>The first <paramref name="max"/> bytes of a regular file; false when the bounded open refuses it (not
    /// regular, on /proc or /sys, unreadable, vanished).</summary>
    public static bool TryReadHead(HostFileSystem fs, string path, int max, CancellationToken cancellation, out byte[] head)
    {
        head = [];
        using var file = fs.OpenUserFile(path, cancellation, out _);
        if (file is null)
        {
            return false;
        }

        var data = new byte[(int)Math.Min(max, Math.Max(file.Length, 0))];
        var filled = 0;
        while (filled < data.Length)
        {
            if (!file.TryRead(data.AsSpan(filled), out var n, out _))
            {
                return false;
            }

            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        head = filled == data.Length ? data : data[..filled];
        return true;
    }

    /// <summary>True when <paramref name="path"/> is a regular file of an ordinary file system that a native library may
    /// open itself (libyara maps the file): the bounded open is tried and closed again.</summary>
    public static bool IsScannable(HostFileSystem fs, string path, CancellationToken cancellation)
    {
        using var file = fs.OpenUserFile(path, cancellation, out _);
        return file is not null;
    }
}
