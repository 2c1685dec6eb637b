// SPDX-License-Identifier: Apache-2.0
using static Interop.Libc;

namespace FarQuery.Events.Tracing;

/// <summary>The new image's initial stack, read at <c>PTRACE_EVENT_EXEC</c> before its first instruction: the kernel
/// has laid out argc, the argv and envp pointer arrays and the auxiliary vector at the stack pointer, and the argv
/// strings, the environment strings and the path given to execve (<c>AT_EXECFN</c>) near the top. Two
/// <c>process_vm_readv</c> calls give what /proc/[pid]/cmdline, /proc/[pid]/auxv and /proc/[pid]/comm gave in eight
/// system calls (docs/tracer.md §6, "Fewer system calls per exec"). Anything unexpected returns null and the caller
/// reads /proc as before.</summary>
internal static class ExecStack
{
    /// <summary>The auxiliary vector's end and the entry that points at the path given to execve (linux/auxvec.h).</summary>
    internal const ulong AT_NULL = 0, AT_EXECFN = 31;

    /// <summary>Bytes read at the stack pointer for the pointer arrays and the auxiliary vector: enough for about 400
    /// argv and environment entries together; a larger start falls back to /proc.</summary>
    internal const int BlockSize = 4096;

    /// <summary>Bytes the kernel keeps of a process name (TASK_COMM_LEN without its NUL).</summary>
    private const int CommBytes = 15;

    /// <summary>Where the strings are: argc, the first argv string, the end of the argv strings (the first environment
    /// string, or the AT_EXECFN string when there is no environment: the kernel copies them in that order), and the
    /// AT_EXECFN string (0 when absent).</summary>
    internal readonly record struct Layout(int Argc, ulong ArgvStart, ulong ArgvEnd, ulong ExecFn);

    /// <summary>What an exec row needs from the new stack.</summary>
    /// <param name="Cmdline">argv joined by spaces, at most the cap's bytes (as /proc/[pid]/cmdline shows it).</param>
    /// <param name="Argc">The number of arguments.</param>
    /// <param name="Size">The bytes of the argument strings without their NULs.</param>
    /// <param name="ExecFn">The path as given to execve, or null.</param>
    /// <param name="Comm">The process name the kernel derived from that path, or null when it cannot be derived.</param>
    internal sealed record Strings(string Cmdline, int Argc, long Size, string? ExecFn, string? Comm);

    /// <summary>Parses the block read at the stack pointer: argc, argv[argc], NULL, envp[], NULL, then (type, value) pairs
    /// up to AT_NULL. False when the block is cut short or the pointers are not laid out as the kernel lays them.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> block, out Layout layout)
    {
        layout = default;
        var words = block.Length / 8;
        if (words < 1)
        {
            return false;
        }

        var argc = Word(block, 0);
        if (argc == 0 || argc >= (ulong)words)
        {
            return false;
        }

        var i = 1;
        var previous = 0UL;
        for (; i <= (int)argc; i++)
        {
            var p = Word(block, i);
            if (p <= previous)
            {
                return false;
            }

            previous = p;
        }

        if (i >= words || Word(block, i++) != 0)
        {
            return false;
        }

        var firstEnv = 0UL;
        while (true)
        {
            if (i >= words)
            {
                return false;
            }

            var p = Word(block, i++);
            if (p == 0)
            {
                break;
            }

            firstEnv = firstEnv == 0 ? p : firstEnv;
        }

        var execFn = 0UL;
        while (true)
        {
            if (i + 1 >= words)
            {
                return false;
            }

            var (type, value) = (Word(block, i), Word(block, i + 1));
            i += 2;
            if (type == AT_NULL)
            {
                break;
            }

            if (type == AT_EXECFN)
            {
                execFn = value;
            }
        }

        var start = Word(block, 1);
        var end = firstEnv != 0 ? firstEnv : execFn;
        if (end <= previous)
        {
            return false;
        }

        layout = new Layout((int)argc, start, end, execFn);
        return true;
    }

    /// <summary>The strings of <paramref name="layout"/> from <paramref name="memory"/>: the argv strings (cut at
    /// <paramref name="kept"/> bytes of <paramref name="layout"/>'s full size) followed by what was read at AT_EXECFN.</summary>
    internal static Strings? Decode(Layout layout, Span<byte> memory, int kept)
    {
        var full = (long)(layout.ArgvEnd - layout.ArgvStart);
        if (memory.Length < kept)
        {
            return null;
        }

        var args = memory[..kept];
        if (kept == full && (args.IsEmpty || args[^1] != 0 || args.Count((byte)0) != layout.Argc))
        {
            // Not the argv strings the pointers promised.
            return null;
        }

        string? execFn = null, comm = null;
        var rest = memory[kept..];
        var nul = rest.IndexOf((byte)0);
        if (layout.ExecFn != 0 && nul >= 0)
        {
            var path = rest[..nul];
            execFn = Encoding.UTF8.GetString(path);
            comm = CommOf(path);
        }

        // Last: the join turns the argv strings' NULs into spaces in place.
        var cmdline = ProcFs.JoinList(args, full, out _);
        return new Strings(cmdline, layout.Argc, full - layout.Argc, execFn, comm);
    }

    /// <summary>The name the kernel gives a process at execve: the last component of the path it was given, cut to 15
    /// bytes. Null for a /dev/fd path (fexecve), where newer kernels name it after the file instead.</summary>
    internal static string? CommOf(ReadOnlySpan<byte> execFn)
    {
        if (execFn.IsEmpty || execFn.StartsWith("/dev/fd/"u8))
        {
            return null;
        }

        var slash = execFn.LastIndexOf((byte)'/');
        var name = execFn[(slash + 1)..];
        return name.IsEmpty ? null : Encoding.UTF8.GetString(name[..Math.Min(name.Length, CommBytes)]);
    }

    /// <summary>Reads the strings of a process stopped at its exec event, whose stack pointer is <paramref name="sp"/>;
    /// null when anything is unexpected (the caller then reads /proc).</summary>
    public static unsafe Strings? Read(int pid, ulong sp, int maxCmdline)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        var n = TraceeMemory.ReadOnce(pid, sp, block);
        if (n <= 0 || !TryParse(block[..n], out var layout))
        {
            return null;
        }

        var kept = (int)Math.Min(layout.ArgvEnd - layout.ArgvStart, (ulong)maxCmdline);
        var buffer = ArrayPool<byte>.Shared.Rent(kept + ProcFs.PathMax);
        try
        {
            // One call for both: the argv strings, then AT_EXECFN, whose read may stop short at the end of the stack.
            nint got;
            fixed (byte* b = buffer)
            {
                var local = new iovec { iov_base = b, iov_len = (nuint)(kept + ProcFs.PathMax) };
                var remote = stackalloc iovec[2];
                remote[0] = new iovec { iov_base = (void*)layout.ArgvStart, iov_len = (nuint)kept };
                remote[1] = new iovec { iov_base = (void*)layout.ExecFn, iov_len = layout.ExecFn == 0 ? 0 : (nuint)ProcFs.PathMax };
                got = process_vm_readv(pid, &local, 1, remote, 2, 0);
            }

            return got < kept ? null : Decode(layout, buffer.AsSpan(0, (int)got), kept);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ulong Word(ReadOnlySpan<byte> block, int index) => BitConverter.ToUInt64(block[(index * 8)..]);
}
