// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;
using System.Text;
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>Reading another process's memory with process_vm_readv, exercised on this process's own native memory (the
/// kernel applies the same checks and page walk).</summary>
public sealed unsafe class TraceeMemoryTests
{
    private static readonly int Self = Environment.ProcessId;

    [Fact]
    public void ReadString_NulTerminated_ReturnsTheText()
    {
        var p = Utf8("/usr/bin/curl");
        try
        {
            Assert.Equal("/usr/bin/curl", TraceeMemory.ReadString(Self, (ulong)p));
        }
        finally
        {
            NativeMemory.Free(p);
        }
    }

    [Fact]
    public void ReadString_EndingAtAPageBoundary_IsReadWhole()
    {
        // The string's NUL is the last byte of its page: reads stop at page boundaries, so the next page is never needed.
        var page = (byte*)NativeMemory.AlignedAlloc(8192, 4096);
        try
        {
            var text = new string('p', 300);
            var start = page + 4096 - 301;
            Encoding.ASCII.GetBytes(text, new Span<byte>(start, 300));
            start[300] = 0;
            Assert.Equal(text, TraceeMemory.ReadString(Self, (ulong)start));
        }
        finally
        {
            NativeMemory.AlignedFree(page);
        }
    }

    [Fact]
    public void ReadString_LongerThanMax_IsCutAtMax()
    {
        var p = Utf8(new string('x', 10_000));
        try
        {
            Assert.Equal(new string('x', 100), TraceeMemory.ReadString(Self, (ulong)p, max: 100));
        }
        finally
        {
            NativeMemory.Free(p);
        }
    }

    [Fact]
    public void ReadString_NullOrUnmappedAddress_IsNull()
    {
        Assert.Null(TraceeMemory.ReadString(Self, 0));
        Assert.Null(TraceeMemory.ReadString(Self, 8));
    }

    [Fact]
    public void ReadStringArray_Argv_ReturnsEveryStringAndTheirSize()
    {
        string[] argv = ["sh", "-c", "echo héllo"];
        var strings = new nint[argv.Length];
        for (var i = 0; i < argv.Length; i++)
        {
            strings[i] = (nint)Utf8(argv[i]);
        }

        var array = (ulong*)NativeMemory.Alloc((nuint)(8 * (argv.Length + 1)));
        try
        {
            for (var i = 0; i < argv.Length; i++)
            {
                array[i] = (ulong)strings[i];
            }

            array[argv.Length] = 0;
            var read = TraceeMemory.ReadStringArray(Self, (ulong)array, 4096, out var size);
            Assert.Equal(argv, read);
            Assert.Equal(argv.Sum(a => Encoding.UTF8.GetByteCount(a)), size);

            Assert.Equal(argv[..2], TraceeMemory.ReadStringArray(Self, (ulong)array, 2, out _));
        }
        finally
        {
            NativeMemory.Free(array);
            foreach (var s in strings)
            {
                NativeMemory.Free((void*)s);
            }
        }
    }

    private static byte* Utf8(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s + "\0");
        var p = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        return p;
    }
}
