// SPDX-License-Identifier: Apache-2.0
using System.Runtime.CompilerServices;

namespace FarQuery.Events.Inotify;

/// <summary>The records of one read from an inotify descriptor (man 7 inotify): each a fixed 16-byte
/// <c>struct inotify_event</c> followed by <c>len</c> bytes of name, NUL-padded. The file-integrity publisher and the
/// sensitive-read watch walk them through this one pure function.</summary>
internal static class InotifyRecords
{
    /// <summary>Takes the next record off the front of <paramref name="data"/>: its header and its name without the NUL
    /// padding (empty for an event on the watched path itself). False when no whole header is left; a name cut short by
    /// the end of the buffer is what remains of it.</summary>
    public static bool TryNext(ref ReadOnlySpan<byte> data, out Interop.Libc.inotify_event header, out ReadOnlySpan<byte> name)
    {
        var size = Unsafe.SizeOf<Interop.Libc.inotify_event>();
        if (data.Length < size)
        {
            header = default;
            name = default;
            return false;
        }

        header = MemoryMarshal.Read<Interop.Libc.inotify_event>(data);
        var end = (int)Math.Min(size + (long)header.len, data.Length);
        name = data[size..end];
        var nul = name.IndexOf((byte)0);
        if (nul >= 0)
        {
            name = name[..nul];
        }

        data = data[end..];
        return true;
    }
}
