// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>Reads a stopped tracee's memory with process_vm_readv, one page at a time so that a string ending just before
/// an unmapped page is still read (docs/tracer.md §1.5).</summary>
internal static class TraceeMemory
{
    private const int Page = 4096;

    /// <summary>Copies up to <paramref name="buffer"/>.Length bytes from <paramref name="address"/>; returns the count read
    /// (short at the first unreadable page).</summary>
    public static unsafe int Read(int pid, ulong address, Span<byte> buffer)
    {
        var done = 0;
        fixed (byte* b = buffer)
        {
            while (done < buffer.Length)
            {
                var at = address + (ulong)done;
                var chunk = (int)Math.Min((ulong)(buffer.Length - done), Page - (at % Page));
                var local = new iovec { iov_base = b + done, iov_len = (nuint)chunk };
                var remote = new iovec { iov_base = (void*)at, iov_len = (nuint)chunk };
                var n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
                if (n <= 0)
                {
                    break;
                }

                done += (int)n;
                if (n < chunk)
                {
                    break;
                }
            }
        }

        return done;
    }

    /// <summary>Copies up to <paramref name="buffer"/>.Length bytes from <paramref name="address"/> in one call, for a
    /// range expected to be mapped whole (a new stack); when it is not, what lies before the first page boundary.</summary>
    public static unsafe int ReadOnce(int pid, ulong address, Span<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            var local = new iovec { iov_base = b, iov_len = (nuint)buffer.Length };
            var remote = new iovec { iov_base = (void*)address, iov_len = (nuint)buffer.Length };
            var n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
            if (n >= 0)
            {
                return (int)n;
            }
        }

        return Read(pid, address, buffer[..(int)Math.Min((ulong)buffer.Length, Page - (address % Page))]);
    }

    /// <summary>A NUL-terminated string (UTF-8, invalid bytes replaced) of at most <paramref name="max"/> bytes, or null
    /// for a null or unreadable pointer.</summary>
    public static string? ReadString(int pid, ulong address, int max = 4096)
    {
        if (address == 0)
        {
            return null;
        }

        Span<byte> chunk = stackalloc byte[256];
        byte[]? big = null;
        var length = 0;
        while (length < max)
        {
            var want = Math.Min(chunk.Length, max - length);

            // Stop each read at a page boundary so a short string at the end of a mapping reads fine.
            var at = address + (ulong)length;
            want = (int)Math.Min((ulong)want, Page - (at % Page));
            var n = Read(pid, at, chunk[..want]);
            if (n <= 0)
            {
                break;
            }

            var nul = chunk[..n].IndexOf((byte)0);
            var take = nul >= 0 ? nul : n;
            big ??= new byte[Math.Min(max, 4096)];
            if (length + take > big.Length)
            {
                Array.Resize(ref big, Math.Min(max, Math.Max(big.Length * 2, length + take)));
            }

            chunk[..take].CopyTo(big.AsSpan(length));
            length += take;
            if (nul >= 0)
            {
                return Encoding.UTF8.GetString(big, 0, length);
            }
        }

        return big is null ? (length == 0 && address != 0 ? null : "") : Encoding.UTF8.GetString(big, 0, length);
    }

    /// <summary>The strings of a NULL-terminated char* array (argv, envp), at most <paramref name="maxCount"/>; also the
    /// total byte size of the strings.</summary>
    public static List<string>? ReadStringArray(int pid, ulong address, int maxCount, out long size)
    {
        size = 0;
        if (address == 0)
        {
            return null;
        }

        var list = new List<string>();
        Span<byte> word = stackalloc byte[8];
        for (var i = 0; i < maxCount; i++)
        {
            if (Read(pid, address + ((ulong)i * 8), word) != 8)
            {
                break;
            }

            var p = BitConverter.ToUInt64(word);
            if (p == 0)
            {
                break;
            }

            var s = ReadString(pid, p, 32 * 1024) ?? "";
            size += Encoding.UTF8.GetByteCount(s);
            list.Add(s);
        }

        return list;
    }
}
