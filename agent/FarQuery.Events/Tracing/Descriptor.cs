// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>read(2) and write(2) on raw descriptors (the control pipe, /proc files), retried when a signal interrupts
/// them: the agent handles forwarded signals, so EINTR is expected here.</summary>
internal static class Descriptor
{
    /// <summary>One read: the byte count, 0 at end of file, or -1 on an error other than EINTR.</summary>
    public static unsafe nint Read(int fd, Span<byte> buffer)
    {
        while (true)
        {
            nint n;
            fixed (byte* b = buffer)
            {
                n = read(fd, b, (nuint)buffer.Length);
            }

            if (n >= 0 || Interop.LastErrno != Interop.Errno.EINTR)
            {
                return n;
            }
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; false when the file ends or fails first.</summary>
    public static bool ReadFull(int fd, Span<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var n = Read(fd, buffer);
            if (n <= 0)
            {
                return false;
            }

            buffer = buffer[(int)n..];
        }

        return true;
    }

    /// <summary>Writes all of <paramref name="data"/>; false when the descriptor fails first.</summary>
    public static unsafe bool WriteFull(int fd, ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            nint n;
            fixed (byte* d = data)
            {
                n = write(fd, d, (nuint)data.Length);
            }

            if (n < 0 && Interop.LastErrno == Interop.Errno.EINTR)
            {
                continue;
            }

            if (n <= 0)
            {
                return false;
            }

            data = data[(int)n..];
        }

        return true;
    }
}
